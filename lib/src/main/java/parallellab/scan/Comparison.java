package parallellab.scan;

import static tech.tablesaw.aggregate.AggregateFunctions.median;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import parallellab.measure.BenchResults;
import parallellab.work.Workload;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Scanners side by side on the same files, timed in rounds: the threads lesson's comparison tables.
 *
 * <pre>{@code
 * Table runs = Comparison.on(sample).workloads(new AnalyzeWorkload(3), new ExternalWorkload())
 *         .add("sequential", 1).sweep("queue-threads", 1, 2).sweepWithGil("queue-threads", 1, 2)
 *         .add("virtual, no limit", 8, options -> new VirtualThreadScanner(options).withoutLimit())
 *         .repeats(3).run();
 * Comparison.summary(runs);   // real, CPU, cores used and speedup per configuration
 * Charts.realVsCpu(runs);     // the runs table has the bench's columns, so the bench's charts draw it
 * }</pre>
 *
 * <p>Where {@code measure.Bench} sweeps strategies by name with each workload's defaults, this takes
 * workload objects ({@code new AnalyzeWorkload(seconds)}, to keep a lesson short) and any scanner,
 * under a label of its own ({@code virtual, no limit}). The {@code strategy} column holds the label.
 *
 * <p>Runs go in rounds: each round runs every configuration once, so load that comes and goes on a
 * shared machine falls on all of them alike. The first {@code warmups} rounds let the JIT compile
 * the scan's code; they stay in the table, marked {@code warmup}, and summaries leave them out.
 */
public final class Comparison {

    /** One configuration: a label for the table, the options it was built with, and how to build it. */
    private record Entry(String label, ScanOptions options, Function<ScanOptions, Scanner> scanner) {}

    private final Path library;
    private final List<Workload> workloads = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private int repeats = 3;
    private int warmups = 1;

    private Comparison(Path library) {
        this.library = library;
    }

    /** A comparison on the audio files under {@code library}. */
    public static Comparison on(Path library) {
        LibraryWalker.requireLibraryFolder(library);
        return new Comparison(library);
    }

    public Comparison workloads(Workload... run) {
        workloads.addAll(List.of(run));
        return this;
    }

    /** A named strategy ({@link Strategies#names()}) with this many workers. */
    public Comparison add(String strategy, int workers) {
        return add(strategy, ScanOptions.workers(workers));
    }

    /** A named strategy with these options, for example {@code ScanOptions.workers(2).withGil(true)}. */
    public Comparison add(String strategy, ScanOptions options) {
        Strategies.create(strategy, options); // an unknown name fails here, before anything runs
        return add(strategy, options, o -> Strategies.create(strategy, o));
    }

    /** Any scanner, under a label of its own: {@code add("virtual, no limit", 8, o -> new VirtualThreadScanner(o).withoutLimit())}. */
    public Comparison add(String label, int workers, Function<ScanOptions, Scanner> scanner) {
        return add(label, ScanOptions.workers(workers), scanner);
    }

    private Comparison add(String label, ScanOptions options, Function<ScanOptions, Scanner> scanner) {
        entries.add(new Entry(Objects.requireNonNull(label), options, Objects.requireNonNull(scanner)));
        return this;
    }

    /** A named strategy once per worker count. */
    public Comparison sweep(String strategy, int... workers) {
        for (int w : workers) {
            add(strategy, w);
        }
        return this;
    }

    /** A named strategy once per worker count, with the simulated GIL on. */
    public Comparison sweepWithGil(String strategy, int... workers) {
        for (int w : workers) {
            add(strategy, ScanOptions.workers(w).withGil(true));
        }
        return this;
    }

    public Comparison repeats(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("repeats must be at least 1 (got " + n + ")");
        }
        repeats = n;
        return this;
    }

    public Comparison warmups(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmups must be 0 or more (got " + n + ")");
        }
        warmups = n;
        return this;
    }

    /** Runs every configuration on every workload, in rounds; one row per run, the bench's columns. */
    public Table run() throws InterruptedException {
        if (workloads.isEmpty() || entries.isEmpty()) {
            throw new IllegalStateException("nothing to compare: add at least one workload and one scanner");
        }
        String machine = BenchResults.thisMachine();
        Table runs = BenchResults.emptyTable("comparison");
        for (int round = 0; round < warmups + repeats; round++) {
            boolean warmup = round < warmups;
            for (Workload workload : workloads) {
                for (Entry entry : entries) {
                    Scanner scanner = entry.scanner().apply(entry.options());
                    ScanReport scan = ScanReport.run(library, scanner, workload, entry.options().workers(), ScanListener.NONE);
                    BenchResults.addRow(runs, machine, entry.label(), entry.options().workers(), workload.name(), entry.options().gil(),
                            warmup ? round : round - warmups, warmup, scan.files(), scan.ok(), scan.timing());
                }
            }
        }
        return runs;
    }

    /**
     * One row per configuration, warm-ups left out, medians of the repeats: real time; CPU time as
     * {@code time} counts it, split into this JVM's (user + sys) and its reaped children's (ffprobe);
     * CPU over real, the cores kept busy; and the speedup over {@code sequential} on the same
     * workload (with the row's GIL setting if both were run), or, when the table has no sequential
     * run, over the same strategy's one-worker run, as {@code Scaling} does.
     */
    public static Table summary(Table runs) {
        Table measured = runs.where(runs.booleanColumn(BenchResults.WARMUP).isFalse());
        measured.addColumns(
                measured.doubleColumn(BenchResults.USER).add(measured.doubleColumn(BenchResults.SYS)).setName("jvm_cpu_s"),
                measured.doubleColumn(BenchResults.CHILD_USER).add(measured.doubleColumn(BenchResults.CHILD_SYS)).setName("child_cpu_s"));
        String[] by = {BenchResults.WORKLOAD, BenchResults.GIL, BenchResults.STRATEGY, BenchResults.WORKERS};
        Table medians = measured.summarize(BenchResults.REAL, "jvm_cpu_s", "child_cpu_s", median).by(by);
        for (String column : List.of(BenchResults.REAL, "jvm_cpu_s", "child_cpu_s")) {
            medians.column("Median [" + column + "]").setName(column);
        }
        Map<String, Double> oneWorker = new HashMap<>();
        for (Row row : medians) {
            if (row.getInt(BenchResults.WORKERS) == 1) {
                oneWorker.put(key(row.getString(BenchResults.WORKLOAD), row.getBoolean(BenchResults.GIL), row.getString(BenchResults.STRATEGY)),
                        row.getDouble(BenchResults.REAL));
            }
        }
        DoubleColumn cores = DoubleColumn.create("cpu_per_real");
        DoubleColumn speedup = DoubleColumn.create("speedup");
        for (Row row : medians) {
            double real = row.getDouble(BenchResults.REAL);
            cores.append(real > 0 ? (row.getDouble("jvm_cpu_s") + row.getDouble("child_cpu_s")) / real : Double.NaN);
            String workload = row.getString(BenchResults.WORKLOAD);
            boolean gil = row.getBoolean(BenchResults.GIL);
            Double baseline = oneWorker.getOrDefault(key(workload, gil, "sequential"), oneWorker.getOrDefault(key(workload, !gil, "sequential"),
                    oneWorker.get(key(workload, gil, row.getString(BenchResults.STRATEGY)))));
            speedup.append(baseline == null || real <= 0 ? Double.NaN : baseline / real);
        }
        medians.addColumns(cores, speedup);
        medians = groupedByWorkloadAndGil(medians).selectColumns(BenchResults.WORKLOAD, BenchResults.GIL, BenchResults.STRATEGY,
                BenchResults.WORKERS, BenchResults.REAL, "jvm_cpu_s", "child_cpu_s", "cpu_per_real", "speedup");
        for (String column : List.of(BenchResults.REAL, "jvm_cpu_s", "child_cpu_s", "cpu_per_real", "speedup")) {
            medians.doubleColumn(column).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(column.endsWith("_s") ? 3 : 2));
        }
        medians.setName("median of " + measured.intColumn(BenchResults.REPEAT).countUnique() + " runs per configuration");
        return medians;
    }

    private static String key(String workload, boolean gil, String strategy) {
        return workload + "|" + gil + "|" + strategy;
    }

    /** The rows with each workload's together, without the GIL before with it, otherwise in the order they ran. */
    private static Table groupedByWorkloadAndGil(Table summary) {
        List<String> inOrder = new ArrayList<>();
        summary.stringColumn(BenchResults.WORKLOAD).forEach(w -> {
            if (!inOrder.contains(w)) {
                inOrder.add(w);
            }
        });
        int[] rows = IntStream.range(0, summary.rowCount()).boxed()
                .sorted(Comparator.<Integer>comparingInt(r -> inOrder.indexOf(summary.stringColumn(BenchResults.WORKLOAD).get(r)))
                        .thenComparing(r -> summary.booleanColumn(BenchResults.GIL).get(r)))
                .mapToInt(Integer::intValue).toArray();
        return summary.rows(rows);
    }
}
