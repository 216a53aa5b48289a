package parallellab.grow;

import static parallellab.bench.BenchResults.CHILD_SYS;
import static parallellab.bench.BenchResults.CHILD_USER;
import static parallellab.bench.BenchResults.FILES;
import static parallellab.bench.BenchResults.OK;
import static parallellab.bench.BenchResults.PEAK_RSS_MB;
import static parallellab.bench.BenchResults.REAL;
import static parallellab.bench.BenchResults.STRATEGY;
import static parallellab.bench.BenchResults.SYS;
import static parallellab.bench.BenchResults.USER;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import parallellab.bench.Bench;
import parallellab.bench.BenchResults;
import parallellab.kit.Rows;
import parallellab.measure.PeakRss;
import parallellab.scan.LibraryScanner;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanOptions;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Scan time and memory against the number of files: does each strategy's time grow in a straight
 * line with the library, and does its memory stay bounded? A {@link Bench} per library size; table
 * in, chart out.
 *
 * <pre>{@code
 * Path grown = Files.createTempDirectory("grown-");
 * LibraryGrower.from(Lab.library()).grow(grown, 1200, 1);
 * Table runs = GrowthBench.on(grown).sizes(300, 600, 1200).workload("tags")
 *         .strategies(2, "sequential", "process-pool").add("spark", 2, options -> SparkScanner.on(spark, options)).run();
 * GrowthBench.fits(runs);    // fixed seconds + milliseconds per file, per strategy
 * GrowthBench.chart(runs);   // the points and their straight lines
 * }</pre>
 *
 * <p>A size smaller than the library is its first files in walk order, linked into a temporary
 * folder at their own relative paths: a grown library's first N copies are exactly what growing N
 * would have written, so one growth serves every size. A straight line fitted to the times splits
 * each strategy into a fixed cost (the intercept: pool or context start, job scheduling) and a cost
 * per file (the slope), which is what decides the big libraries. Memory is {@link PeakRss}: this
 * JVM and its child processes, sampled during each scan.
 *
 * <p>Every strategy first scans the smallest size unrecorded ({@link #warmups}), so that the first
 * point is not the one that pays for the JIT. Each point is the fastest of {@link #repeats} scans,
 * as Python's {@code timeit} reports the best: on a shared machine the slow runs are the ones
 * something else got in the way of.
 */
public final class GrowthBench {

    /** Columns of their own; strategy, files, ok, real_s and peak_rss_mb are named as in a bench table. */
    public static final String CPU = "cpu_s";
    public static final String MS_PER_FILE = "ms_per_file";

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)};

    private final Path library;
    private final Bench bench = Bench.sweep().samplePeakRss(true).workloads("tags").repeats(1);
    private boolean hasScanners;
    private int[] sizes;
    private int warmups = 1;

    private GrowthBench(Path library) {
        this.library = library;
    }

    /** A bench on the audio files under {@code library}, usually one {@link LibraryGrower} grew. */
    public static GrowthBench on(Path library) {
        LibraryWalker.requireLibraryFolder(library);
        return new GrowthBench(library);
    }

    /** The numbers of files to scan, each at most the library's. */
    public GrowthBench sizes(int... files) {
        for (int n : files) {
            if (n < 1) {
                throw new IllegalArgumentException("sizes must be at least 1 file (got " + n + ")");
            }
        }
        this.sizes = Arrays.stream(files).sorted().distinct().toArray();
        return this;
    }

    public GrowthBench workload(String name) {
        return workload(Workloads.named(name));
    }

    public GrowthBench workload(Workload workload) {
        bench.workloads(Objects.requireNonNull(workload, "workload"));
        return this;
    }

    /** Adds strategies by name ({@link parallellab.scan.Strategies#names()}), each with {@code workers} workers. */
    public GrowthBench strategies(int workers, String... names) {
        for (String name : names) {
            bench.add(name, workers);
        }
        hasScanners |= names.length > 0;
        return this;
    }

    /** Adds any scanner under a label, for example a Spark scanner on the lesson's own context. */
    public GrowthBench add(String label, int workers, Function<ScanOptions, LibraryScanner> scanner) {
        bench.add(label, workers, scanner);
        hasScanners = true;
        return this;
    }

    /** Unrecorded scans of the smallest size per strategy before the measured ones; 1 by default. */
    public GrowthBench warmups(int n) {
        bench.warmups(n); // the same check
        this.warmups = n;
        return this;
    }

    /** Scans per point, of which the fastest is kept (its CPU time with it; the memory is the highest); 1 by default. */
    public GrowthBench repeats(int n) {
        bench.repeats(n);
        return this;
    }

    /**
     * Scans every size with every strategy, the sizes in increasing order, and returns one row per
     * point: strategy, files, ok, real_s, cpu_s (this JVM's and its reaped children's user + sys),
     * ms_per_file and peak_rss_mb.
     *
     * @throws IllegalArgumentException when no strategy or size was given, or a size exceeds the library
     */
    public Table run() throws InterruptedException, IOException {
        if (!hasScanners || sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("give at least one strategy and one size: .sizes(300, 600).strategies(2, \"sequential\")");
        }
        List<Path> files = LibraryWalker.audioFiles(library);
        int largest = sizes[sizes.length - 1];
        if (largest > files.size()) {
            throw new IllegalArgumentException("the library has " + files.size() + " audio files, fewer than " + largest
                    + ": grow it with LibraryGrower (or ./lab grow) to at least that many");
        }
        List<Size> rows = new ArrayList<>();
        bench.machine(BenchResults.thisMachine());
        Path views = Files.createTempDirectory("parallel-lab-sizes-");
        try {
            for (int n : sizes) {
                Path folder = n == files.size() ? library : firstFiles(files, n, views.resolve(String.valueOf(n)));
                Table runs = bench.library(folder).warmups(n == sizes[0] ? warmups : 0).run();
                rows.addAll(fastest(runs.where(runs.booleanColumn(BenchResults.WARMUP).isFalse())));
            }
        } finally {
            deleteLinks(views);
        }
        Table table = Rows.toTable("scan time and memory against library size", Size.class, rows);
        decimals(table.doubleColumn(REAL), 3);
        decimals(table.doubleColumn(CPU), 3);
        decimals(table.doubleColumn(MS_PER_FILE), 2);
        decimals(table.doubleColumn(PEAK_RSS_MB), 0);
        return table;
    }

    /** One row of {@link #run()}: a strategy's fastest run at one size, with the highest memory of all its runs. */
    private record Size(String strategy, int files, int ok, double realS, double cpuS, double msPerFile, double peakRssMb) {}

    /** Links the first {@code n} files, keeping their paths relative to the library. */
    private Path firstFiles(List<Path> files, int n, Path view) throws IOException {
        for (Path file : files.subList(0, n)) {
            Path link = view.resolve(library.relativize(file));
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, file.toAbsolutePath());
        }
        return view;
    }

    /** Deletes the size views: links and the folders holding them, never what the links point to. */
    private static void deleteLinks(Path views) throws IOException {
        LibraryGrower.deleteContents(views);
        Files.delete(views);
    }

    /** Shows {@code places} decimals; the values keep their full precision. */
    private static DoubleColumn decimals(DoubleColumn column, int places) {
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(places));
        return column;
    }

    /** One row per strategy: its fastest run, with the highest memory of all its runs. */
    private static List<Size> fastest(Table runs) {
        List<Size> rows = new ArrayList<>();
        for (String strategy : runs.stringColumn(STRATEGY).asList().stream().distinct().toList()) {
            Table own = runs.where(runs.stringColumn(STRATEGY).isEqualTo(strategy));
            Row fastest = own.row(own.doubleColumn(REAL).asList().indexOf(own.doubleColumn(REAL).min()));
            double real = fastest.getDouble(REAL);
            int files = fastest.getInt(FILES);
            rows.add(new Size(strategy, files, fastest.getInt(OK), real,
                    fastest.getDouble(USER) + fastest.getDouble(SYS) + fastest.getDouble(CHILD_USER) + fastest.getDouble(CHILD_SYS),
                    files > 0 ? real * 1000 / files : Double.NaN, own.doubleColumn(PEAK_RSS_MB).max()));
        }
        return rows;
    }

    /** A straight line through one strategy's points: seconds = fixed + perFile × files. */
    public record Fit(String strategy, double fixedSeconds, double msPerFile, double rSquared) {

        public double predictSeconds(double files) {
            return fixedSeconds + msPerFile * files / 1000;
        }
    }

    /** The least-squares line of each strategy, in the order the strategies ran (NaN with one size). */
    public static List<Fit> lines(Table runs) {
        Map<String, SimpleRegression> byStrategy = new LinkedHashMap<>();
        for (Row row : runs) {
            byStrategy.computeIfAbsent(row.getString(STRATEGY), s -> new SimpleRegression()).addData(row.getInt(FILES), row.getDouble(REAL));
        }
        List<Fit> fits = new ArrayList<>();
        byStrategy.forEach((strategy, r) -> fits.add(new Fit(strategy, r.getIntercept(), r.getSlope() * 1000, r.getRSquare())));
        return fits;
    }

    /** {@link #lines} as a table: strategy, fixed_s, ms_per_file, r_squared (1 is a perfect line). */
    public static Table fits(Table runs) {
        List<Fit> fits = lines(runs);
        return Table.create("straight-line fits: seconds = fixed_s + ms_per_file × files / 1000",
                StringColumn.create(STRATEGY, fits.stream().map(Fit::strategy).toList()),
                decimals(DoubleColumn.create("fixed_s", fits.stream().mapToDouble(Fit::fixedSeconds)), 3),
                decimals(DoubleColumn.create(MS_PER_FILE, fits.stream().mapToDouble(Fit::msPerFile)), 3),
                decimals(DoubleColumn.create("r_squared", fits.stream().mapToDouble(Fit::rSquared)), 3));
    }

    /** Scan time against files: each strategy's measured points and its fitted line, dashed. */
    public static XYChart chart(Table runs) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Scan time against library size").xAxisTitle("files").yAxisTitle("real time (s)").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        double maxFiles = runs.intColumn(FILES).max();
        double[] line = {0, maxFiles};
        int k = 0;
        for (Fit fit : lines(runs)) {
            Color color = COLORS[k++ % COLORS.length];
            Table own = runs.where(runs.stringColumn(STRATEGY).isEqualTo(fit.strategy()));
            XYSeries points = chart.addSeries(fit.strategy(), own.intColumn(FILES).asDoubleArray(), own.doubleColumn(REAL).asDoubleArray());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
            if (!Double.isNaN(fit.msPerFile())) {
                XYSeries fitted = chart.addSeries(String.format(Locale.ROOT, "%s fit: %.2f s + %.2f ms/file", fit.strategy(), fit.fixedSeconds(), fit.msPerFile()),
                        line, Arrays.stream(line).map(fit::predictSeconds).toArray());
                fitted.setMarker(SeriesMarkers.NONE);
                fitted.setLineColor(color);
                fitted.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            }
        }
        return chart;
    }
}
