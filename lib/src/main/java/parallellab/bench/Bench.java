package parallellab.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import parallellab.measure.Measure;
import parallellab.measure.PeakRss;
import parallellab.measure.Timing;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanOptions;
import parallellab.scan.LibraryScanner;
import parallellab.scan.Strategies;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import tech.tablesaw.api.Table;

/**
 * The one sweep of the kit: scanners × workloads × GIL on and off, each run timed with
 * {@link Measure}, one row per run: table in, chart out.
 *
 * <pre>{@code
 * Table runs = Bench.sweep().library(Path.of("data/library"))
 *         .strategies("sequential", "queue-threads").workers(1, 2, 4).workloads("analyze")
 *         .repeats(3).warmups(1).run();
 * Charts.speedup(runs);
 *
 * Table threads = Bench.sweep().library(sample).workloads(new AnalyzeWorkload(3), new ExternalWorkload())
 *         .add("sequential", 1).add("queue-threads", 2)
 *         .add("virtual, no limit", 8, options -> new VirtualThreadScanner(options).withoutLimit())
 *         .gil(false, true).run();
 * Bench.comparison(threads);   // real, JVM and child CPU, cores busy and speedup per configuration
 * }</pre>
 *
 * <p>What runs: every named strategy at every worker count ({@code sequential} at one worker only,
 * since more would mean nothing), then every scanner {@link #add added} by hand, in the order added;
 * all of them on every workload, with each GIL setting. An added scanner is any
 * {@code ScanOptions -> LibraryScanner} under a label of its own, for example a Spark scanner on a
 * lesson's context; the {@code strategy} column holds the label.
 *
 * <p>Warm-up runs are done first for every configuration and kept in the table, marked
 * {@code warmup = true}: the first runs of a JVM are slower while the JIT compiles the hot code, and
 * seeing that is part of the lesson. {@link #summary} leaves them out.
 *
 * <p>The runs go in rounds: every configuration's first warm-up, then every configuration's second,
 * and so on through the measured repeats. The JIT keeps improving the code for many runs after the
 * warm-ups, and other programs come and go; in rounds that drift falls on every configuration alike,
 * where one configuration after another would hand the later ones a warmer JVM and a speedup they
 * did not earn. The rows are in the order the runs were made.
 */
public final class Bench {

    /** A scanner to run: its label in the table, its worker count, and how to build it for a run. */
    private record Entry(String label, int workers, Function<ScanOptions, LibraryScanner> scanner) {}

    /** One configuration: an entry on a workload with the GIL on or off. */
    private record Config(Entry entry, Workload workload, boolean gil) {
        LibraryScanner scanner() {
            return entry.scanner().apply(new ScanOptions(entry.workers(), gil, 0));
        }
    }

    private Path library = Path.of("data", "library");
    private List<String> strategies = List.of();
    private int[] workers = {1};
    private final List<Entry> added = new ArrayList<>();
    private List<String> workloadNames = List.of("tags");
    private List<Workload> workloads = List.of(); // when given, these run instead of the named ones
    private boolean[] gil = {false};
    private int repeats = 3;
    private int warmups = 1;
    private double analyzeSeconds = AnalyzeWorkload.DEFAULT_SECONDS;
    private Duration warmupTime = Duration.ZERO;
    private boolean samplePeakRss;
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

    /** Named strategies ({@link Strategies#names()}), each run at every {@link #workers} count; sequential alone when nothing is named or added. */
    public Bench strategies(String... names) {
        this.strategies = List.of(names);
        return this;
    }

    public Bench workers(int... counts) {
        for (int count : counts) {
            ScanOptions.workers(count); // the same check, and the same message, as the scanners'
        }
        this.workers = Arrays.stream(counts).distinct().toArray();
        return this;
    }

    /** A named strategy with this many workers, run after the {@link #strategies} ones. */
    public Bench add(String strategy, int workers) {
        Strategies.create(strategy, ScanOptions.workers(workers)); // an unknown name fails here, before anything runs
        return add(strategy, workers, options -> Strategies.create(strategy, options));
    }

    /** Any scanner under a label of its own: {@code add("virtual, no limit", 8, o -> new VirtualThreadScanner(o).withoutLimit())}. */
    public Bench add(String label, int workers, Function<ScanOptions, LibraryScanner> scanner) {
        ScanOptions.workers(workers); // at least 1, checked now
        added.add(new Entry(Objects.requireNonNull(label, "label"), workers, Objects.requireNonNull(scanner, "scanner")));
        return this;
    }

    /** Workloads by name ({@code analyze} decodes {@link #seconds} of each file). */
    public Bench workloads(String... names) {
        this.workloadNames = List.of(names);
        this.workloads = List.of();
        return this;
    }

    /** Workloads as objects, for example {@code new AnalyzeWorkload(3)} to keep a lesson short. */
    public Bench workloads(Workload... run) {
        this.workloads = List.of(run);
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
     * How many seconds of each file the {@code analyze} workload named by {@link #workloads(String...)}
     * decodes (default {@value AnalyzeWorkload#DEFAULT_SECONDS}): fewer make a quick sweep for a
     * lesson, more make the work per file heavier against the fixed costs of starting threads or
     * worker JVMs.
     */
    public Bench seconds(double seconds) {
        new AnalyzeWorkload(seconds); // the same check, and the same message, as the workload's own
        this.analyzeSeconds = seconds;
        return this;
    }

    /**
     * Fills {@code peak_rss_mb} with the peak memory of this JVM and its child processes during each
     * run ({@link PeakRss}), instead of this JVM's high-water mark for its whole life. It costs a
     * reading of /proc every few milliseconds, so it is off by default.
     */
    public Bench samplePeakRss(boolean on) {
        this.samplePeakRss = on;
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

    /** The configurations the sweep will run, in order. */
    private List<Config> configurations() {
        List<Entry> entries = new ArrayList<>();
        List<String> named = strategies.isEmpty() && added.isEmpty() ? List.of("sequential") : strategies;
        for (String strategy : named) {
            for (int w : strategy.equals("sequential") ? new int[] {1} : workers) {
                entries.add(new Entry(strategy, w, options -> Strategies.create(strategy, options)));
            }
        }
        entries.addAll(added);
        List<Workload> work = !workloads.isEmpty() ? workloads : workloadNames.stream()
                .map(name -> Workloads.named(name, analyzeSeconds)).toList();
        List<Config> configs = new ArrayList<>();
        for (Workload workload : work) {
            for (boolean g : gil) {
                for (Entry entry : entries) {
                    configs.add(new Config(entry, workload, g));
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
        configs.forEach(Config::scanner); // fail on a typo before spending minutes on the first configurations
        String machineName = machine != null ? machine : BenchResults.thisMachine();
        List<BenchResults.RunRow> rows = new ArrayList<>();
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
                long compiling = jitTimed ? jit.getTotalCompilationTime() : 0;
                PeakRss peak = samplePeakRss ? PeakRss.sample() : null;
                Measure.Measured<List<FileResult>> m = timeScan(c.scanner(), c.workload(), peak);
                double jitSeconds = jitTimed ? (jit.getTotalCompilationTime() - compiling) / 1000.0 : Double.NaN;
                int files = m.value().size();
                int ok = (int) m.value().stream().filter(FileResult::ok).count();
                Entry e = c.entry();
                Run run = new Run(++index, count, e.label(), e.workers(), c.workload().name(), c.gil(), repeat, warmup, files, ok, m.timing());
                rows.add(BenchResults.RunRow.of(machineName, run, peak != null ? peak.mib() : Double.NaN, jitSeconds));
                progress.accept(run);
            }
        }
        return BenchResults.table("bench", rows);
    }

    /** Times one scan; a memory sampler, if given, is closed after it, with a last reading. */
    private Measure.Measured<List<FileResult>> timeScan(LibraryScanner scanner, Workload workload, PeakRss peak) throws InterruptedException {
        try (peak) {
            return Measure.time(() -> scanner.scan(library, workload));
        }
    }

    /** See {@link BenchResults#summary}. */
    public static Table summary(Table runs) {
        return BenchResults.summary(runs);
    }

    /** See {@link BenchResults#comparison}. */
    public static Table comparison(Table runs) {
        return BenchResults.comparison(runs);
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
