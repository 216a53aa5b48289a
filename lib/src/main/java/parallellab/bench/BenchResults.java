package parallellab.bench;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.median;
import static tech.tablesaw.aggregate.AggregateFunctions.min;

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
import parallellab.measure.Timing;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Row;
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

    private static Map<String, ColumnType> types() {
        Map<String, ColumnType> t = new LinkedHashMap<>();
        t.put(MACHINE, ColumnType.STRING);
        t.put(STRATEGY, ColumnType.STRING);
        t.put(WORKERS, ColumnType.INTEGER);
        t.put(WORKLOAD, ColumnType.STRING);
        t.put(GIL, ColumnType.BOOLEAN);
        t.put(REPEAT, ColumnType.INTEGER);
        t.put(WARMUP, ColumnType.BOOLEAN);
        t.put(FILES, ColumnType.INTEGER);
        t.put(OK, ColumnType.INTEGER);
        for (String c : List.of(REAL, USER, SYS, CHILD_USER, CHILD_SYS, CPU_REAL, FILES_PER_S, PEAK_RSS_MB, JIT)) {
            t.put(c, ColumnType.DOUBLE);
        }
        return t;
    }

    /** An empty table with the bench's columns. */
    public static Table emptyTable(String name) {
        Table table = Table.create(name);
        TYPES.forEach((column, type) -> table.addColumns(type.create(column)));
        return table;
    }

    /** Appends one run to a bench table, its JIT time unknown. */
    public static void addRow(Table table, String machine, String strategy, int workers, String workload, boolean gil,
                              int repeat, boolean warmup, int files, int ok, Timing timing) {
        addRow(table, machine, strategy, workers, workload, gil, repeat, warmup, files, ok, timing, Double.NaN);
    }

    /** Appends one run to a bench table, with the seconds the JIT compiler spent during it. */
    public static void addRow(Table table, String machine, String strategy, int workers, String workload, boolean gil,
                              int repeat, boolean warmup, int files, int ok, Timing timing, double jitSeconds) {
        table.stringColumn(MACHINE).append(machine);
        table.stringColumn(STRATEGY).append(strategy);
        table.intColumn(WORKERS).append(workers);
        table.stringColumn(WORKLOAD).append(workload);
        table.booleanColumn(GIL).append(gil);
        table.intColumn(REPEAT).append(repeat);
        table.booleanColumn(WARMUP).append(warmup);
        table.intColumn(FILES).append(files);
        table.intColumn(OK).append(ok);
        table.doubleColumn(REAL).append(timing.realSeconds());
        table.doubleColumn(USER).append(timing.userSeconds());
        table.doubleColumn(SYS).append(timing.sysSeconds());
        table.doubleColumn(CHILD_USER).append(timing.childUserSeconds());
        table.doubleColumn(CHILD_SYS).append(timing.childSysSeconds());
        table.doubleColumn(CPU_REAL).append(timing.coresUsed());
        table.doubleColumn(FILES_PER_S).append(timing.realSeconds() > 0 ? files / timing.realSeconds() : 0);
        table.doubleColumn(PEAK_RSS_MB).append(timing.peakRssMiB());
        table.doubleColumn(JIT).append(jitSeconds);
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
        String[] by = CONFIGURATION.stream().filter(measured::containsColumn).toArray(String[]::new);
        Table summary = measured.summarize(List.of(REAL, CPU_REAL, FILES_PER_S), median, min, max, count).by(by);
        for (Column<?> column : List.copyOf(summary.columns())) {
            String name = column.name();
            int open = name.indexOf(" [");
            if (open < 0 || !name.endsWith("]")) {
                continue;
            }
            String function = name.substring(0, open).toLowerCase();
            String measure = name.substring(open + 2, name.length() - 1);
            if (function.equals("count")) {
                if (measure.equals(REAL)) {
                    summary.replaceColumn(name, ((NumberColumn<?, ?>) column).asIntColumn().setName("runs"));
                } else {
                    summary.removeColumns(column);
                }
            } else {
                column.setName(measure + "_" + function);
            }
        }
        summary.setName("summary of " + runs.name());
        List<String> order = new ArrayList<>(List.of(by));
        order.addAll(List.of(REAL + "_median", REAL + "_min", REAL + "_max", CPU_REAL + "_median", FILES_PER_S + "_median", "runs"));
        Table sorted = inRunOrder(summary, measured, true).selectColumns(order.toArray(String[]::new));
        sorted.setName(summary.name());
        return readable(sorted);
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
        measured.addColumns(
                measured.doubleColumn(USER).add(measured.doubleColumn(SYS)).setName("jvm_cpu_s"),
                measured.doubleColumn(CHILD_USER).add(measured.doubleColumn(CHILD_SYS)).setName("child_cpu_s"));
        Table medians = measured.summarize(REAL, "jvm_cpu_s", "child_cpu_s", median).by(CONFIGURATION.toArray(String[]::new));
        for (String column : List.of(REAL, "jvm_cpu_s", "child_cpu_s")) {
            medians.column("Median [" + column + "]").setName(column);
        }
        Map<List<Object>, Double> baselines = new HashMap<>();
        Scaling.curves(runs).forEach(c -> baselines.put(List.of(c.machine(), c.workload(), c.gil(), c.strategy()), c.baselineSeconds()));
        DoubleColumn cores = DoubleColumn.create("cpu_per_real");
        DoubleColumn speedup = DoubleColumn.create("speedup");
        for (Row row : medians) {
            double real = row.getDouble(REAL);
            cores.append(real > 0 ? (row.getDouble("jvm_cpu_s") + row.getDouble("child_cpu_s")) / real : Double.NaN);
            Double baseline = baselines.get(List.of(row.getString(MACHINE), row.getString(WORKLOAD), row.getBoolean(GIL), row.getString(STRATEGY)));
            speedup.append(baseline == null || real <= 0 ? Double.NaN : baseline / real);
        }
        medians.addColumns(cores, speedup);
        List<String> columns = new ArrayList<>(List.of(WORKLOAD, GIL, STRATEGY, WORKERS, REAL, "jvm_cpu_s", "child_cpu_s", "cpu_per_real", "speedup"));
        if (medians.stringColumn(MACHINE).countUnique() > 1) {
            columns.addFirst(MACHINE);
        }
        Table table = inRunOrder(medians, measured, false).selectColumns(columns.toArray(String[]::new));
        table.setName("median of " + measured.intColumn(REPEAT).countUnique() + " runs per configuration");
        return readable(table);
    }

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
