package parallellab.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanOptions;
import parallellab.scan.Scanner;
import parallellab.scan.Strategies;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import tech.tablesaw.api.Table;

/**
 * A sweep over strategies, worker counts and workloads, each run timed with {@link Measure}: table in,
 * chart out.
 *
 * <pre>{@code
 * Table runs = Bench.sweep().library(Path.of("data/library"))
 *         .strategies("sequential", "queue-threads").workers(1, 2, 4).workloads("analyze")
 *         .repeats(3).warmups(1).run();
 * Charts.speedup(runs);
 * }</pre>
 *
 * <p>Warm-up runs are done first for every configuration and kept in the table, marked
 * {@code warmup = true}: the first runs of a JVM are slower while the JIT compiles the hot code, and
 * seeing that is part of the lesson. {@link #summary} leaves them out. {@code sequential} is run
 * with one worker only, since more would mean nothing.
 *
 * <p>The runs go in rounds: every configuration's first warm-up, then every configuration's second,
 * and so on through the measured repeats. The JIT keeps improving the code for many runs after the
 * warm-ups, and other programs come and go; in rounds that drift falls on every configuration alike,
 * where one configuration after another would hand the later ones a warmer JVM and a speedup they
 * did not earn. The rows are in the order the runs were made.
 */
public final class Bench {

    private Path library = Path.of("data", "library");
    private List<String> strategies = List.of("sequential");
    private int[] workers = {1};
    private List<String> workloads = List.of("tags");
    private boolean[] gil = {false};
    private int repeats = 3;
    private int warmups = 1;
    private double analyzeSeconds = AnalyzeWorkload.DEFAULT_SECONDS;
    private Duration warmupTime = Duration.ZERO;
    private String machine; // this machine unless named: looking the host name up can be slow
    private Consumer<Run> progress = run -> { };

    /** One finished run, for a progress callback: {@code index} of {@code count} runs in the sweep. */
    public record Run(int index, int count, String strategy, int workers, String workload, boolean gil,
                      int repeat, boolean warmup, int files, int ok, Timing timing) {
        @Override
        public String toString() {
            return String.format("[%d/%d] %s x%d %s%s%s: %d files, %s", index, count, strategy, workers, workload,
                    gil ? " gil" : "", warmup ? " (warm-up)" : "", files, timing.summary());
        }
    }

    private Bench() {}

    public static Bench sweep() {
        return new Bench();
    }

    public Bench library(Path folder) {
        this.library = Objects.requireNonNull(folder);
        return this;
    }

    public Bench strategies(String... names) {
        this.strategies = List.of(names);
        return this;
    }

    public Bench workers(int... counts) {
        for (int count : counts) {
            if (count < 1) {
                throw new IllegalArgumentException("workers must be at least 1 (got " + count + ")");
            }
        }
        this.workers = counts.clone();
        return this;
    }

    public Bench workloads(String... names) {
        this.workloads = List.of(names);
        return this;
    }

    /** Runs with the simulated GIL on, off, or both ({@code gil(false, true)}). */
    public Bench gil(boolean... on) {
        this.gil = on.clone();
        return this;
    }

    public Bench repeats(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("repeats must be at least 1 (got " + n + ")");
        }
        this.repeats = n;
        return this;
    }

    public Bench warmups(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmups must be 0 or more (got " + n + ")");
        }
        this.warmups = n;
        return this;
    }

    /**
     * Keeps doing warm-up rounds, after the {@link #warmups} ones, until this much time has passed,
     * the way JMH warms up for a time rather than a count. The JIT compiler can go on improving the
     * scan's code for seconds after the first runs (the {@code jit_s} column shows how much it
     * compiled during each run); measuring before it settles credits its progress to whichever
     * configurations happen to run later.
     */
    public Bench warmupTime(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("warm-up time must not be negative (got " + time + ")");
        }
        this.warmupTime = time;
        return this;
    }

    /**
     * How many seconds of each file the {@code analyze} workload decodes (default
     * {@value AnalyzeWorkload#DEFAULT_SECONDS}): fewer make a quick sweep for a lesson, more make the
     * work per file heavier against the fixed costs of starting threads or worker JVMs.
     */
    public Bench seconds(double seconds) {
        new AnalyzeWorkload(seconds); // the same check, and the same message, as the workload's own
        this.analyzeSeconds = seconds;
        return this;
    }

    /** Overrides the {@code machine} column, for example to label a run "laptop". */
    public Bench machine(String name) {
        this.machine = Objects.requireNonNull(name);
        return this;
    }

    /** Called after every run, from the thread that called {@link #run()}. */
    public Bench onRun(Consumer<Run> callback) {
        this.progress = Objects.requireNonNull(callback);
        return this;
    }

    private record Config(String strategy, int workers, String workload, boolean gil) {}

    /** The configurations the sweep will run, in order. */
    private List<Config> configurations() {
        List<Config> configs = new ArrayList<>();
        for (String workload : workloads) {
            for (boolean g : gil) {
                for (String strategy : strategies) {
                    int[] counts = strategy.equals("sequential") ? new int[] {1} : Arrays.stream(workers).distinct().toArray();
                    for (int w : counts) {
                        configs.add(new Config(strategy, w, workload, g));
                    }
                }
            }
        }
        return configs;
    }

    /**
     * Runs the sweep and returns one row per run (see {@link BenchResults} for the columns).
     *
     * @throws IllegalArgumentException for an unknown strategy or workload or a missing library,
     *                                  before anything runs
     */
    public Table run() throws InterruptedException {
        LibraryWalker.requireLibraryFolder(library);
        List<Config> configs = configurations();
        for (Config c : configs) { // fail on a typo before spending minutes on the first configurations
            Strategies.create(c.strategy(), new ScanOptions(c.workers(), c.gil(), 0));
            workload(c.workload());
        }
        String machineName = machine != null ? machine : BenchResults.thisMachine();
        Table table = BenchResults.emptyTable("bench");
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        int index = 0;
        long warmupEnd = System.nanoTime() + warmupTime.toNanos();
        int warmupRounds = 0;
        for (int round = 0; ; round++) {
            boolean warmup = round < warmups || (warmupRounds == round && System.nanoTime() < warmupEnd);
            if (warmup) {
                warmupRounds++;
            } else if (round - warmupRounds >= repeats) {
                break;
            }
            int repeat = warmup ? round : round - warmupRounds;
            int count = configs.size() * (Math.max(warmupRounds, warmups) + repeats);
            for (Config c : configs) {
                Scanner scanner = Strategies.create(c.strategy(), new ScanOptions(c.workers(), c.gil(), 0));
                long compiling = jitTimed ? jit.getTotalCompilationTime() : 0;
                Measure.Measured<List<FileResult>> m = timeScan(scanner, workload(c.workload()));
                double jitSeconds = jitTimed ? (jit.getTotalCompilationTime() - compiling) / 1000.0 : Double.NaN;
                int files = m.value().size();
                int ok = (int) m.value().stream().filter(FileResult::ok).count();
                BenchResults.addRow(table, machineName, c.strategy(), c.workers(), c.workload(), c.gil(), repeat, warmup, files, ok, m.timing(), jitSeconds);
                progress.accept(new Run(++index, count, c.strategy(), c.workers(), c.workload(), c.gil(), repeat, warmup, files, ok, m.timing()));
            }
        }
        return table;
    }

    private Workload workload(String name) {
        return name.equals("analyze") ? new AnalyzeWorkload(analyzeSeconds) : Workloads.named(name);
    }

    private Measure.Measured<List<FileResult>> timeScan(Scanner scanner, Workload workload) throws InterruptedException {
        try {
            return Measure.time(() -> scanner.scan(library, workload));
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** See {@link BenchResults#summary}. */
    public static Table summary(Table runs) {
        return BenchResults.summary(runs);
    }

    /** See {@link BenchResults#save}. */
    public static void save(Table runs, Path csv) {
        BenchResults.save(runs, csv);
    }

    /** See {@link BenchResults#load}. */
    public static Table load(Path csv) {
        return BenchResults.load(csv);
    }
}
