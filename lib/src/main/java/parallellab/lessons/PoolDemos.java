package parallellab.lessons;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import parallellab.kit.Rows;
import parallellab.measure.Measure;
import parallellab.measure.ProcStat;
import parallellab.measure.ProcStatus;
import parallellab.measure.Timing;
import parallellab.pool.BrokenProcessPoolException;
import parallellab.pool.PoolTask;
import parallellab.pool.ProcessPool;
import parallellab.pool.WorkerStats;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.SequentialScanner;
import parallellab.scan.Strategies;
import parallellab.scan.WorkloadTask;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The experiments of lesson 04 (processes), each a call that returns a table: which worker ran which
 * argument, what a chunk size costs, an interrupt and a killed worker watched step by step, what a
 * worker JVM costs, and the simulated GIL against a pool.
 *
 * <p>They exist so that a notebook cell stays one line; each one owns the pools it starts and
 * terminates them before it returns, so no experiment leaves a worker behind. The tasks here are
 * named records on the class path, which is exactly what lets them travel to the workers.
 */
public final class PoolDemos {

    private PoolDemos() {}

    /** Sleeps for its argument in milliseconds and returns the worker's pid: work of a known length that needs no core. */
    public record Nap() implements PoolTask<Integer, Long> {
        @Override
        public Long apply(Integer millis) throws InterruptedException {
            Thread.sleep(millis);
            return ProcessHandle.current().pid();
        }
    }

    /** Returns the pid of the worker that ran it: which worker got which argument. */
    public record WhichWorker() implements PoolTask<String, Long> {
        @Override
        public Long apply(String ignored) {
            return ProcessHandle.current().pid();
        }
    }

    /** Returns its argument: a task so small that only the cost of sending it is left. */
    public record Echo() implements PoolTask<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    /** The audio files under {@code folder} as absolute path strings, the arguments a pool takes ({@link Path} is not serializable). */
    public static List<String> paths(Path folder) {
        return LibraryWalker.audioFiles(folder).stream().map(p -> p.toAbsolutePath().toString()).toList();
    }

    /** One row per argument, in the order {@code map} returned them: the file, its chunk, the worker that ran it. */
    public static Table whoRanWhat(ProcessPool pool, List<String> paths, int chunksize) throws InterruptedException {
        List<Long> pids = pool.map(new WhichWorker(), paths, chunksize);
        return Table.create("map(WhichWorker, paths, chunksize=" + chunksize + ")",
                IntColumn.create("index", IntStream.range(0, paths.size()).toArray()),
                StringColumn.create("file", paths.stream().map(p -> Path.of(p).getFileName().toString()).toList()),
                IntColumn.create("chunk", IntStream.range(0, paths.size()).map(i -> i / chunksize).toArray()),
                LongColumn.create("worker_pid", pids.stream().mapToLong(Long::longValue).toArray()));
    }

    /** What {@code map} returned for a workload, one row per file: ok or the reason, and a few tags. */
    public static Table results(List<String> paths, List<FileResult> results) {
        Table table = Table.create("results, in input order",
                StringColumn.create("file", paths.stream().map(p -> Path.of(p).getFileName().toString()).toList()),
                BooleanColumn.create("ok", results.stream().map(FileResult::ok).toList()));
        table.addColumns(
                StringColumn.create("format", results.stream().map(r -> r instanceof FileResult.Ok ok ? ok.song().format() : "").toList()),
                StringColumn.create("title", results.stream().map(r -> r instanceof FileResult.Ok ok ? ok.song().title() : "").toList()),
                StringColumn.create("error", results.stream().map(r -> r instanceof FileResult.Failed f ? f.reason() : "").toList()));
        if (results.stream().anyMatch(r -> r instanceof FileResult.Ok ok && ok.analysis().isPresent())) {
            table.addColumns(DoubleColumn.create("tempo_bpm", results.stream().mapToDouble(r ->
                    r instanceof FileResult.Ok ok && ok.analysis().isPresent() ? round2(ok.analysis().tempoBpm()) : Double.NaN)));
        }
        return table;
    }

    /**
     * The same two jobs at four chunk sizes: 500 tiny tasks (where every chunk's round trip
     * shows) and 24 naps whose last quarter is eight times longer (where big chunks leave a worker
     * idle while another finishes). Rows: 1, CPython's default, n / workers, n.
     */
    public static Table chunksizes(ProcessPool pool) throws InterruptedException {
        List<Integer> tiny = IntStream.range(0, 500).boxed().toList();
        List<Integer> uneven = IntStream.range(0, 24).mapToObj(i -> i < 18 ? 10 : 80).toList();
        List<ChunkRun> rows = new ArrayList<>();
        int w = pool.workers();
        pool.map(new Echo(), tiny.subList(0, 8 * w));
        for (String name : List.of("1", "default: ceil(n / (4 workers))", "n / workers", "n")) {
            int forTiny = chunksize(name, tiny.size(), pool);
            int forUneven = chunksize(name, uneven.size(), pool);
            rows.add(new ChunkRun(name + "  (" + forTiny + " | " + forUneven + ")",
                    (tiny.size() + forTiny - 1) / forTiny, millisToMap(pool, new Echo(), tiny, forTiny),
                    (uneven.size() + forUneven - 1) / forUneven, millisToMap(pool, new Nap(), uneven, forUneven)));
        }
        return Rows.toTable("map time against chunk size, " + w + " workers", ChunkRun.class, rows);
    }

    /** One line of {@link #chunksizes}: a chunk-size rule and what the two jobs cost with it. */
    private record ChunkRun(String chunksize, int tinyChunks, double tinyMs, int unevenChunks, double unevenMs) {}

    private static int chunksize(String rule, int n, ProcessPool pool) {
        return switch (rule.charAt(0)) {
            case '1' -> 1;
            case 'd' -> pool.defaultChunksize(n);
            default -> rule.equals("n") ? n : (n + pool.workers() - 1) / pool.workers();
        };
    }

    private static <A extends Serializable, R extends Serializable> double millisToMap(ProcessPool pool, PoolTask<A, R> task, List<A> args,
                                                                                      int chunksize) throws InterruptedException {
        long start = System.nanoTime();
        pool.map(task, args, chunksize);
        return Math.round((System.nanoTime() - start) / 1e5) / 10.0;
    }

    /**
     * Starts a pool, runs a long map of naps on another thread (standing for a cell) and interrupts
     * that thread after {@code after}, as the notebook's stop button does; then watches the workers go.
     */
    public static Table interruptAfter(int workers, Duration after) throws InterruptedException {
        Timeline timeline = new Timeline();
        try (ProcessPool pool = ProcessPool.create(workers)) {
            List<Long> pids = timeline.ready(pool);
            Thread cell = new Thread(() -> {
                try {
                    pool.map(new Nap(), twoSecondsOfNaps(workers));
                    timeline.add("map returned (it should not have)");
                } catch (InterruptedException e) {
                    timeline.add("map threw InterruptedException, after terminating the pool");
                } catch (RuntimeException e) {
                    timeline.add("map threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }, "the-cell");
            cell.start();
            timeline.add("map of " + twoSecondsOfNaps(workers).size() + " naps of 100 ms started: about 2 s of work");
            Thread.sleep(after.toMillis());
            timeline.add("interrupt the thread that runs map (the stop button)");
            cell.interrupt();
            cell.join(5000);
            timeline.add(watchGone(pids));
        }
        return timeline.table("interrupting a map");
    }

    /**
     * Starts a pool, runs a long map of naps and kills one worker with SIGKILL ({@code kill -9})
     * after {@code after}: the map fails fast with a {@link BrokenProcessPoolException} instead of
     * waiting for results that will never come.
     */
    public static Table killAWorker(int workers, Duration after) throws InterruptedException {
        Timeline timeline = new Timeline();
        try (ProcessPool pool = ProcessPool.create(workers)) {
            List<Long> pids = timeline.ready(pool);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(after.toMillis());
                    timeline.add("kill -9 " + pids.get(0) + " (worker 1), from another thread");
                    ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroyForcibly);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "the-killer");
            killer.start();
            timeline.add("map of " + twoSecondsOfNaps(workers).size() + " naps of 100 ms started: about 2 s of work");
            try {
                pool.map(new Nap(), twoSecondsOfNaps(workers));
                timeline.add("map returned (the kill came too late)");
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                timeline.add("map threw; the cause is " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } finally {
                killer.join();
            }
            timeline.add(watchGone(pids));
        }
        return timeline.table("a worker killed in the middle of a map");
    }

    /**
     * Starts a pool of {@code workers} {@code repeats} times: how long until every worker is ready,
     * how much CPU each worker burned getting there, and how much memory each holds.
     */
    public static Table startupCost(int workers, int repeats) throws InterruptedException {
        List<Startup> rows = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            try (ProcessPool pool = ProcessPool.create(workers)) {
                double ready = pool.awaitReady().toNanos() / 1e6;
                List<Long> pids = pids(pool);
                rows.add(new Startup(i, Math.round(ready), Math.round(1000 * pids.stream().mapToDouble(PoolDemos::cpuSeconds).average().orElse(0)),
                        Math.round(pids.stream().mapToDouble(PoolDemos::peakRssMib).average().orElse(0))));
            }
        }
        return Rows.toTable("starting " + workers + " worker JVMs", Startup.class, rows);
    }

    /** One line of {@link #startupCost}: a pool started, and what each of its workers cost. */
    private record Startup(int run, double readyMs, double cpuMsPerWorker, double peakRssMbPerWorker) {}

    /**
     * The post's result in one table: a CPU-bound workload scanned sequentially, by threads under
     * the simulated GIL, by threads without it, and by a pool of worker JVMs (which share no GIL),
     * once as a new pool (start-up and the workers' JIT warm-up included) and once warm (its third
     * map). An unmeasured sequential run comes first, so that this JVM's own warm-up is not charged
     * to the first row. {@code cores_used} is CPU time, the workers' included, over real time.
     */
    public static Table escapingTheGil(Path library, Workload workload, int workers) throws InterruptedException {
        return escapingTheGil(library, workload, workers, step -> {});
    }

    /** The same, telling {@code progress} which run is starting: the whole table takes many seconds. */
    public static Table escapingTheGil(Path library, Workload workload, int workers, java.util.function.Consumer<String> progress)
            throws InterruptedException {
        List<String> how = new ArrayList<>();
        progress.accept("warming up: one sequential scan, not measured");
        List<Double> real = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        new SequentialScanner().scan(library, workload);
        record Config(String label, String strategy, int workers, boolean gil) {}
        for (Config c : List.of(new Config("sequential", "sequential", 1, false),
                new Config("queue-threads x" + workers + ", GIL", "queue-threads", workers, true),
                new Config("queue-threads x" + workers + ", no GIL", "queue-threads", workers, false),
                new Config("process-pool x" + workers + ", new pool", "process-pool", workers, false))) {
            progress.accept("running " + c.label() + " (" + (how.size() + 1) + " of 5)");
            Timing t = ScanReport.run(library, Strategies.create(c.strategy(), new ScanOptions(c.workers(), c.gil(), 0)),
                    workload, c.workers(), ScanListener.NONE).timing();
            how.add(c.label());
            real.add(t.realSeconds());
            cpu.add(t.cpuSeconds());
        }
        List<String> args = paths(library);
        WorkloadTask task = new WorkloadTask(workload);
        // A pool kept for many maps earns C2's compile time back (see ProcessPool.Builder.optimizingJit).
        progress.accept("running process-pool x" + workers + ", warm pool (5 of 5): two unmeasured maps, then the measured one");
        try (ProcessPool pool = ProcessPool.builder(workers).optimizingJit(true).build()) {
            // Two unmeasured maps: a new JVM compiles the workload's hot code only after it has run it a while.
            pool.map(task, args);
            pool.map(task, args);
            double workersBefore = workersCpuSeconds(pool);
            Timing t = Measure.time(() -> pool.map(task, args)).timing();
            how.add("process-pool x" + workers + ", warm pool, C2");
            real.add(t.realSeconds());
            cpu.add(t.cpuSeconds() + workersCpuSeconds(pool) - workersBefore);
        }
        progress.accept("done: " + how.size() + " runs");
        return Table.create(workload.name() + " over " + args.size() + " files",
                StringColumn.create("strategy", how),
                DoubleColumn.create("real_s", real.stream().mapToDouble(PoolDemos::round2)),
                DoubleColumn.create("cpu_s", cpu.stream().mapToDouble(PoolDemos::round2)),
                DoubleColumn.create("cores_used", IntStream.range(0, how.size()).mapToDouble(i -> round2(cpu.get(i) / real.get(i)))),
                DoubleColumn.create("speedup", IntStream.range(0, how.size()).mapToDouble(i -> round2(real.get(0) / real.get(i)))));
    }

    private static double workersCpuSeconds(ProcessPool pool) {
        return pool.workerStats().stream().mapToDouble(WorkerStats::cpuSeconds).sum();
    }

    /** A live process's CPU seconds so far; 0 where there is no /proc. */
    private static double cpuSeconds(long pid) {
        try {
            ProcStat stat = ProcStat.of(String.valueOf(pid));
            return stat.userSeconds() + stat.sysSeconds();
        } catch (IOException noProc) {
            return 0;
        }
    }

    /** A live process's peak resident memory in MiB; 0 where there is no /proc. */
    private static double peakRssMib(long pid) {
        try {
            return ProcStatus.of(String.valueOf(pid)).vmHwmKib() / 1024.0;
        } catch (IOException noProc) {
            return 0;
        }
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** Naps of 100 ms, 20 per worker: a map that takes about two seconds whatever the pool's size. */
    private static List<Integer> twoSecondsOfNaps(int workers) {
        return Collections.nCopies(20 * workers, 100);
    }

    private static List<Long> pids(ProcessPool pool) {
        return pool.workerStats().stream().filter(WorkerStats::alive).map(WorkerStats::pid).toList();
    }

    /** Waits up to 2 s for the processes to be gone and says how it went. */
    private static String watchGone(List<Long> pids) throws InterruptedException {
        for (int i = 0; i < 40 && pids.stream().anyMatch(PoolDemos::alive); i++) {
            Thread.sleep(50);
        }
        long left = pids.stream().filter(PoolDemos::alive).count();
        return "worker processes still alive: " + left + " of " + pids.size();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Events with the time since the first one, written from several threads. */
    private static final class Timeline {
        private final long start = System.nanoTime();
        private final List<String> times = new ArrayList<>();
        private final List<String> events = new ArrayList<>();

        /** Waits until the pool's workers are ready, notes them, and returns their pids. */
        List<Long> ready(ProcessPool pool) throws InterruptedException {
            pool.awaitReady();
            List<Long> pids = pids(pool);
            add("pool ready: workers " + pids);
            return pids;
        }

        synchronized void add(String event) {
            times.add(String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
            events.add(event);
        }

        synchronized Table table(String name) {
            return Table.create(name, StringColumn.create("t_s", times), StringColumn.create("what happened", events));
        }
    }
}
