package parallellab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;
import parallellab.kit.Rows;
import parallellab.measure.Timing;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The shape of a bench table, one row per run, and what can be done with it: save it as CSV, load it
 * back with the same column types, and summarise the repeats of each configuration.
 *
 * <p>Every row names its {@code machine} (host, cores, JDK), so tables from two machines can be
 * appended ({@code a.append(b)}) and drawn in one chart.
 */
public final class BenchResults {

    public static final String MACHINE = "machine";
    public static final String STRATEGY = "strategy";
    public static final String WORKERS = "workers";
    public static final String WORKLOAD = "workload";
    public static final String GIL = "gil";
    public static final String REPEAT = "repeat";
    public static final String WARMUP = "warmup";
    public static final String FILES = "files";
    public static final String OK = "ok";
    public static final String REAL = "real_s";
    public static final String USER = "user_s";
    public static final String SYS = "sys_s";
    public static final String CHILD_USER = "child_user_s";
    public static final String CHILD_SYS = "child_sys_s";
    public static final String CPU_REAL = "cpu_real";
    public static final String FILES_PER_S = "files_per_s";
    public static final String PEAK_RSS_MB = "peak_rss_mb";
    /** Time the JIT compiler threads of this JVM spent compiling during the run (worker JVMs not included). */
    public static final String JIT = "jit_s";

    /** The columns that name a configuration: runs that share them are repeats of one another. */
    public static final List<String> CONFIGURATION = List.of(MACHINE, WORKLOAD, GIL, STRATEGY, WORKERS);

    private static final Map<String, ColumnType> TYPES = types();

    private BenchResults() {}

    /**
     * One run as a row of a bench table: the record's components are the table's columns, in order
     * ({@code realS} is {@code real_s}, and so on).
     */
    public record RunRow(String machine, String strategy, int workers, String workload, boolean gil, int repeat, boolean warmup,
                      int files, int ok, double realS, double userS, double sysS, double childUserS, double childSysS,
                      double cpuReal, double filesPerS, double peakRssMb, double jitS) {

        /** A finished run's row; {@code peakRssMb} NaN takes the timing's own peak, {@code jitSeconds} NaN means unknown. */
        public static RunRow of(String machine, Bench.Run run, double peakRssMb, double jitSeconds) {
            Timing t = run.timing();
            return new RunRow(machine, run.strategy(), run.workers(), run.workload(), run.gil(), run.repeat(), run.warmup(),
                    run.files(), run.ok(), t.realSeconds(), t.userSeconds(), t.sysSeconds(), t.childUserSeconds(), t.childSysSeconds(),
                    t.coresUsed(), t.realSeconds() > 0 ? run.files() / t.realSeconds() : 0,
                    Double.isNaN(peakRssMb) ? t.peakRssMiB() : peakRssMb, jitSeconds);
        }
    }

    /** A bench table of these runs, one row each. */
    public static Table table(String name, List<RunRow> runs) {
        return Rows.toTable(name, RunRow.class, runs);
    }

    /** An empty table with the bench's columns. */
    public static Table emptyTable(String name) {
        return table(name, List.of());
    }

    private static Map<String, ColumnType> types() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        emptyTable("").columns().forEach(column -> types.put(column.name(), column.type()));
        return types;
    }

    /** This machine, as the {@code machine} column names it: host, cores and JDK. */
    public static String thisMachine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + " (" + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version().feature() + ")";
    }

    /** Writes the table as CSV (the folder is created if needed). */
    public static void save(Table table, Path csv) {
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            table.write().csv(csv.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV written by {@link #save}, with the bench's column types (not guessed ones). */
    public static Table load(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no such file: " + csv);
        }
        try {
            Table table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                    .tableName(csv.getFileName().toString())
                    .columnTypesPartial(TYPES));
            // A file from an older kit lacks the newer columns: add them empty, so tables still append.
            TYPES.forEach((column, type) -> {
                if (!table.containsColumn(column)) {
                    Column<?> empty = type.create(column);
                    for (int i = 0; i < table.rowCount(); i++) {
                        empty.appendMissing();
                    }
                    table.addColumns(empty);
                }
            });
            return table;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + csv + " as a bench table: " + e.getMessage(), e);
        }
    }

    /**
     * One row per configuration, warm-ups left out: the median, min and max of real time, the
     * median cpu/real and files/s over the repeats, and how many repeats there were ({@code runs}).
     * A configuration run with and without the GIL has its two rows next to each other.
     */
    public static Table summary(Table runs) {
        Table measured = runs.where(runs.booleanColumn(WARMUP).isFalse());
        List<String> by = CONFIGURATION.stream().filter(measured::containsColumn).toList();
        List<Summary> rows = new ArrayList<>();
        byConfiguration(measured).forEach((key, repeats) -> {
            double[] real = values(measured, repeats, REAL);
            rows.add(new Summary(key.machine(), key.workload(), key.gil(), key.strategy(), key.workers(), StatUtils.percentile(real, 50),
                    StatUtils.min(real), StatUtils.max(real), median(measured, repeats, CPU_REAL), median(measured, repeats, FILES_PER_S),
                    repeats.size()));
        });
        Table summary = Rows.toTable("summary of " + runs.name(), Summary.class, rows);
        List<String> order = new ArrayList<>(by);
        order.addAll(List.of(REAL + "_median", REAL + "_min", REAL + "_max", CPU_REAL + "_median", FILES_PER_S + "_median", "runs"));
        Table sorted = inRunOrder(summary, measured, true).selectColumns(order.toArray(String[]::new));
        sorted.setName(summary.name());
        return readable(sorted);
    }

    /** One configuration's line of {@link #summary}. */
    private record Summary(String machine, String workload, boolean gil, String strategy, int workers, double realSMedian,
                           double realSMin, double realSMax, double cpuRealMedian, double filesPerSMedian, int runs) {}

    /** The columns that name a configuration, as one value. */
    private record Configuration(String machine, String workload, boolean gil, String strategy, int workers) {}

    /** The row numbers of {@code runs} grouped by configuration, in the order each first appears. */
    private static Map<Configuration, List<Integer>> byConfiguration(Table runs) {
        Map<Configuration, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            Configuration key = new Configuration(runs.stringColumn(MACHINE).get(i), runs.stringColumn(WORKLOAD).get(i),
                    runs.booleanColumn(GIL).get(i), runs.stringColumn(STRATEGY).get(i), runs.intColumn(WORKERS).get(i));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** The values of a numeric column at the given rows; several columns given are summed row by row. */
    private static double[] values(Table runs, List<Integer> rows, String... columns) {
        return rows.stream().mapToDouble(i -> {
            double sum = 0;
            for (String column : columns) {
                sum += runs.numberColumn(column).getDouble(i);
            }
            return sum;
        }).toArray();
    }

    private static double median(Table runs, List<Integer> rows, String... columns) {
        return StatUtils.percentile(values(runs, rows, columns), 50);
    }

    /**
     * The threads lesson's table, one row per configuration, warm-ups left out, medians of the
     * repeats: real time; CPU time as {@code time} counts it, split into this JVM's (user + sys) and
     * its reaped children's (ffprobe, worker JVMs); their sum over real, the cores kept busy; and the
     * speedup against the baseline {@link Scaling} uses: {@code sequential} on the same workload, or,
     * when the table has none, the same strategy's one-worker run with the same GIL setting.
     */
    public static Table comparison(Table runs) {
        Table measured = runs.where(runs.booleanColumn(WARMUP).isFalse());
        Map<List<Object>, Double> baselines = new HashMap<>();
        Scaling.curves(runs).forEach(c -> baselines.put(List.of(c.machine(), c.workload(), c.gil(), c.strategy()), c.baselineSeconds()));
        List<Compared> rows = new ArrayList<>();
        byConfiguration(measured).forEach((key, repeats) -> {
            double real = median(measured, repeats, REAL);
            double jvm = median(measured, repeats, USER, SYS);
            double child = median(measured, repeats, CHILD_USER, CHILD_SYS);
            Double baseline = baselines.get(List.of(key.machine(), key.workload(), key.gil(), key.strategy()));
            rows.add(new Compared(key.machine(), key.workload(), key.gil(), key.strategy(), key.workers(), real, jvm, child,
                    real > 0 ? (jvm + child) / real : Double.NaN, baseline == null || real <= 0 ? Double.NaN : baseline / real));
        });
        Table medians = Rows.toTable("medians", Compared.class, rows);
        List<String> columns = new ArrayList<>(List.of(WORKLOAD, GIL, STRATEGY, WORKERS, REAL, "jvm_cpu_s", "child_cpu_s", "cpu_per_real", "speedup"));
        if (medians.stringColumn(MACHINE).countUnique() > 1) {
            columns.addFirst(MACHINE);
        }
        Table table = inRunOrder(medians, measured, false).selectColumns(columns.toArray(String[]::new));
        table.setName("median of " + measured.intColumn(REPEAT).countUnique() + " runs per configuration");
        return readable(table);
    }

    /** One configuration's line of {@link #comparison}. */
    private record Compared(String machine, String workload, boolean gil, String strategy, int workers, double realS,
                            double jvmCpuS, double childCpuS, double cpuPerReal, double speedup) {}

    /**
     * A summary's rows by machine, then workloads and strategies in the order the sweep ran them
     * (not alphabetically), then by workers. {@code gilPairs} puts each configuration's run without
     * the GIL and with it next to each other; otherwise all the runs without it come first.
     */
    private static Table inRunOrder(Table summary, Table runs, boolean gilPairs) {
        List<String> workloads = runs.stringColumn(WORKLOAD).asList().stream().distinct().toList();
        List<String> strategies = runs.stringColumn(STRATEGY).asList().stream().distinct().toList();
        summary.addColumns(
                IntColumn.create("workload_order", summary.stringColumn(WORKLOAD).asList().stream().mapToInt(workloads::indexOf).toArray()),
                IntColumn.create("strategy_order", summary.stringColumn(STRATEGY).asList().stream().mapToInt(strategies::indexOf).toArray()));
        return gilPairs ? summary.sortOn(MACHINE, "workload_order", "strategy_order", WORKERS, GIL)
                : summary.sortOn(MACHINE, "workload_order", GIL, "strategy_order", WORKERS);
    }

    /**
     * Shows the table's decimals rounded to three places, in notebooks and printouts alike; the
     * values themselves (and a CSV written from them) keep their full precision.
     */
    public static Table readable(Table table) {
        for (Column<?> column : table.columns()) {
            if (column instanceof DoubleColumn d) {
                d.setPrintFormatter(new NumberColumnFormatter(new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT)), ""));
            }
        }
        return table;
    }
}
