package parallellab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import parallellab.bench.BenchResults;
import parallellab.bench.Scaling;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The lessons' charts, drawn with XChart from a bench table (or a notebook's cell timings): table
 * in, chart out. {@link #png} and {@link #svg} turn a chart into what a notebook displays.
 *
 * <p>Charts are drawn headless (no window) at 800×500 with fonts sized to be read on a slide.
 */
public final class Charts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Real time beside CPU time for each configuration (median of the measured runs): when CPU time
     * exceeds real time, several cores were busy; cpu/real is printed in each category's name.
     */
    public static CategoryChart realVsCpu(Table runs) {
        Table summary = medians(runs);
        // Many categories need turned labels; XChart drops a label turned part way that would cross
        // the chart's edge (lesson 03 showed 9 groups of bars under 8 labels), so turn them all the way.
        boolean turned = summary.rowCount() > 4;
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(turned ? HEIGHT + 160 : HEIGHT)
                .title("Real time and CPU time per configuration")
                .xAxisTitle("strategy × workers  (cpu/real)").yAxisTitle("seconds (median of runs)").build();
        style(chart);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setXAxisLabelRotation(turned ? 90 : 0);
        boolean machines = distinct(runs, BenchResults.MACHINE) > 1;
        boolean workloads = distinct(runs, BenchResults.WORKLOAD) > 1;
        List<String> names = new ArrayList<>();
        List<Double> real = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (Row row : summary) {
            double r = row.getDouble("real");
            double c = row.getDouble("cpu");
            names.add(configurationLabel(row, machines, workloads)
                    + String.format(Locale.ROOT, " (%.2f)", r > 0 ? c / r : 0));
            real.add(r);
            cpu.add(c);
        }
        chart.addSeries("real (wall clock)", names, real);
        chart.addSeries("CPU (user + sys, incl. children)", names, cpu);
        return chart;
    }

    /**
     * Speedup against workers for each strategy, with the ideal line y = p, the Amdahl fit (serial
     * fraction f in the legend) and, from four worker counts on, the Universal Scalability Law fit
     * (σ, κ and the peak p*). T(1) is the sequential scan when the table has one, otherwise each
     * strategy's own one-worker run ({@link Scaling}); the title says which.
     */
    public static XYChart speedup(Table runs) {
        return speedupOf(runs);
    }

    /**
     * The same, for the named strategies only (the {@code sequential} baseline is kept): for
     * example one strategy on two machines, {@code Charts.speedup(mine.append(theirs), "queue-threads")}.
     */
    public static XYChart speedup(Table runs, String... strategies) {
        List<String> keep = new ArrayList<>(List.of(strategies));
        keep.add("sequential");
        return speedupOf(runs.where(runs.stringColumn(BenchResults.STRATEGY).isIn(keep)));
    }

    private static XYChart speedupOf(Table runs) {
        List<Scaling.Curve> curves = Scaling.curves(runs).stream().filter(c -> c.workers().length > 1).toList();
        List<Scaling.Curve> all = curves.isEmpty() ? Scaling.curves(runs) : curves;
        double maxP = all.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.workers())).max().orElse(1);
        int series = 1 + all.stream().mapToInt(c -> 1 + (c.amdahl().valid() ? 1 : 0) + (c.usl().valid() ? 1 : 0)).sum();
        boolean crowded = series > 7; // a legend that big would hide the curves: put it below, and grow
        XYChart chart = new XYChartBuilder().width(WIDTH).height(crowded ? HEIGHT + 20 * series : HEIGHT)
                .title(speedupTitle(all)).xAxisTitle("workers (p)").yAxisTitle("speedup S(p) = T(1) / T(p)").build();
        style(chart);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        double[] line = IntStream.rangeClosed(0, 50).mapToDouble(i -> 1 + (maxP - 1) * i / 50.0).toArray();
        XYSeries ideal = chart.addSeries("ideal (S = p)", line, line);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(Color.GRAY);
        ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        boolean machines = all.stream().map(Scaling.Curve::machine).distinct().count() > 1;
        boolean workloads = all.stream().map(Scaling.Curve::workload).distinct().count() > 1;
        boolean gils = all.stream().map(Scaling.Curve::gil).distinct().count() > 1;
        Color[] palette = PALETTE;
        int k = 0;
        for (Scaling.Curve c : all) {
            Color color = palette[k++ % palette.length];
            String label = c.label(machines, workloads, gils);
            XYSeries measured = chart.addSeries(label + " (measured)", c.workers(), c.speedups());
            measured.setMarker(SeriesMarkers.CIRCLE);
            measured.setLineColor(color);
            measured.setMarkerColor(color);
            if (c.amdahl().valid()) {
                double f = c.amdahl().serialFraction();
                double[] s = java.util.Arrays.stream(line).map(p -> c.baselineSeconds() / c.amdahl().predictSeconds(p)).toArray();
                XYSeries fit = chart.addSeries(String.format(Locale.ROOT, "%s Amdahl fit, serial f = %.2f", label, f), line, s);
                fit.setMarker(SeriesMarkers.NONE);
                fit.setLineColor(color);
                fit.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
            }
            if (c.usl().valid()) {
                double[] s = java.util.Arrays.stream(line).map(c.usl()::predict).toArray();
                XYSeries fit = chart.addSeries(String.format(Locale.ROOT, "%s USL fit, σ = %.3f κ = %.4f p* = %s", label,
                        c.usl().sigma(), c.usl().kappa(), Double.isInfinite(c.usl().peakWorkers()) ? "∞" : String.format(Locale.ROOT, "%.1f", c.usl().peakWorkers())), line, s);
                fit.setMarker(SeriesMarkers.NONE);
                fit.setLineColor(color.darker());
                fit.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 3, 2, 3}, 0));
            }
        }
        if (crowded) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return chart;
    }

    /** Says what each curve's T(1) is: the sequential scan, each strategy's own one-worker run, or some of each. */
    private static String speedupTitle(List<Scaling.Curve> curves) {
        long sequential = curves.stream().filter(Scaling.Curve::againstSequential).count();
        if (sequential == curves.size()) {
            return "Speedup against the sequential scan";
        }
        return sequential == 0 ? "Speedup against each strategy's own 1-worker run"
                : "Speedup against the sequential scan, or a strategy's own 1-worker run";
    }

    /**
     * The real time of every run in the order the runs were made, one line per configuration, the
     * warm-up runs ringed: the first run of a fresh JVM pays for class loading and JIT compilation,
     * the later ones settle. A dashed line marks the median of the measured runs, the figure a
     * summary reports, which is why the warm-ups are left out of it. For a single configuration the
     * chart also shows how long the JIT compiler worked during each run ({@code jit_s}).
     */
    public static XYChart warmup(Table runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Real time of each run, in the order they ran").xAxisTitle("run").yAxisTitle("real time (s)").build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? String.valueOf(x.longValue()) : "");
        // Row indices, not Rows: a Tablesaw Row is a cursor that moves on as the table is iterated.
        Map<String, List<Integer>> byConfiguration = new LinkedHashMap<>();
        boolean machines = distinct(runs, BenchResults.MACHINE) > 1;
        boolean workloads = distinct(runs, BenchResults.WORKLOAD) > 1;
        for (Row row : runs) {
            byConfiguration.computeIfAbsent(configurationLabel(row, machines, workloads), k -> new ArrayList<>()).add(row.getRowNumber());
        }
        double[] real = runs.doubleColumn(BenchResults.REAL).asDoubleArray();
        boolean[] warmups = new boolean[runs.rowCount()];
        for (int i = 0; i < warmups.length; i++) {
            warmups[i] = runs.booleanColumn(BenchResults.WARMUP).get(i);
        }
        double[] jit = runs.containsColumn(BenchResults.JIT) ? runs.doubleColumn(BenchResults.JIT).asDoubleArray() : null;
        int k = 0;
        for (Map.Entry<String, List<Integer>> e : byConfiguration.entrySet()) {
            Color color = PALETTE[k++ % PALETTE.length];
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[] x = IntStream.rangeClosed(1, rows.length).asDoubleStream().toArray();
            double[] y = java.util.Arrays.stream(rows).mapToDouble(i -> real[i]).toArray();
            XYSeries all = chart.addSeries(e.getKey(), x, y);
            all.setMarker(SeriesMarkers.CIRCLE);
            all.setLineColor(color);
            all.setMarkerColor(color);
            int[] warm = IntStream.range(0, rows.length).filter(i -> warmups[rows[i]]).toArray();
            if (warm.length > 0) {
                XYSeries ring = chart.addSeries(e.getKey() + ": warm-up, left out of the median",
                        java.util.Arrays.stream(warm).mapToDouble(i -> x[i]).toArray(), java.util.Arrays.stream(warm).mapToDouble(i -> y[i]).toArray());
                ring.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                ring.setMarker(SeriesMarkers.DIAMOND);
                ring.setMarkerColor(Color.ORANGE.darker());
            }
            if (byConfiguration.size() == 1 && jit != null && java.util.Arrays.stream(rows).noneMatch(i -> Double.isNaN(jit[i]))) {
                XYSeries compiling = chart.addSeries("JIT compiler threads busy compiling during the run (s)", x,
                        java.util.Arrays.stream(rows).mapToDouble(i -> jit[i]).toArray());
                compiling.setMarker(SeriesMarkers.SQUARE);
                compiling.setLineColor(Color.GRAY);
                compiling.setMarkerColor(Color.GRAY);
                compiling.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
            }
            double[] measured = IntStream.range(0, rows.length).filter(i -> !warmups[rows[i]]).mapToDouble(i -> y[i]).toArray();
            if (measured.length > 0) {
                double median = new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(measured);
                XYSeries line = chart.addSeries(String.format(Locale.ROOT, "%s: median of measured runs, %.2f s", e.getKey(), median),
                        new double[] {1, rows.length}, new double[] {median, median});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            }
        }
        return chart;
    }

    private static String configurationLabel(Row row, boolean machines, boolean workloads) {
        return row.getString(BenchResults.STRATEGY) + " ×" + row.getInt(BenchResults.WORKERS)
                + (row.getBoolean(BenchResults.GIL) ? " +GIL" : "")
                + (workloads ? " " + row.getString(BenchResults.WORKLOAD) : "")
                + (machines ? " @" + shortMachine(row.getString(BenchResults.MACHINE)) : "");
    }

    /**
     * Real time beside CPU time (user + sys) for each notebook cell, from the kernel's table with
     * columns {@code cell} (int), {@code code} (first line), {@code real_s}, {@code user_s}, {@code sys_s}.
     */
    public static CategoryChart cellTimings(Table cells) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Real time and CPU time per notebook cell").xAxisTitle("cell").yAxisTitle("seconds").build();
        style(chart);
        chart.getStyler().setXAxisLabelRotation(cells.rowCount() > 5 ? 30 : 0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> names = new ArrayList<>();
        List<Double> real = new ArrayList<>();
        List<Double> user = new ArrayList<>();
        List<Double> sys = new ArrayList<>();
        for (Row row : cells) {
            String code = cells.containsColumn("code") ? row.getString("code").strip() : "";
            names.add("[" + (long) number(row, "cell") + "] " + (code.length() > 24 ? code.substring(0, 23) + "…" : code));
            real.add(number(row, "real_s"));
            user.add(number(row, "user_s"));
            sys.add(number(row, "sys_s"));
        }
        chart.addSeries("real (wall clock)", names, real);
        chart.addSeries("user CPU", names, user);
        chart.addSeries("sys CPU", names, sys);
        return chart;
    }

    /** The worker timeline of a scan (see {@link #timeline(parallellab.measure.Timeline)}), titled with its strategy. */
    public static XYChart timeline(parallellab.scan.ScanReport report) {
        return timeline(report.timeline(), "Worker timeline, " + report.workload() + " scan, " + report.strategy() + ": one bar per file");
    }

    /**
     * The worker timeline: one row per worker (a thread, a worker JVM, a Spark executor), one bar per
     * file from its start to its end, in seconds since the run began. A bar's lighter end is the part
     * of its time the worker spent waiting for the simulated GIL, drawn where each wait happened when
     * the span kept their times (threads in this JVM), else as one stretch at the bar's start. Without
     * a GIL the bars of different rows overlap; with it the dark parts take turns. A file run again (Spark retries the tasks of a lost executor) is drawn in black, with a
     * diamond at its start.
     */
    public static XYChart timeline(parallellab.measure.Timeline timeline) {
        return timeline(timeline, "Worker timeline: one bar per file");
    }

    private static XYChart timeline(parallellab.measure.Timeline timeline, String title) {
        List<String> workers = timeline.workers();
        int rows = Math.max(1, workers.size());
        if (!timeline.retries().isEmpty()) {
            title += "; black: run again";
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(Math.max(260, 120 + 46 * rows))
                .title(title).xAxisTitle("seconds since the run started").yAxisTitle("").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(-0.6);
        chart.getStyler().setYAxisMax(rows - 0.4);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        // XChart shows no tick labels at all unless every one differs, and ticks fall between rows
        // too: those get blanks made different by a count of zero-width spaces.
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> {
            long i = Math.round(y);
            return Math.abs(y - i) < 1e-9 && i >= 0 && i < workers.size()
                    ? shortWorker(workers.get((int) i))
                    : " " + "\u200B".repeat((int) Math.max(0, Math.round((y + 1) * 10)));
        });
        float thickness = Math.max(6f, Math.min(22f, 160f / rows));
        int n = 0;
        for (parallellab.measure.FileSpan span : timeline.spans()) {
            int row = workers.indexOf(span.worker());
            Color color = span.retry() ? RETRY : PALETTE[row % PALETTE.length];
            double start = (span.startMicros() - timeline.originMicros()) / 1e6;
            double end = (span.endMicros() - timeline.originMicros()) / 1e6;
            double gil = Math.min(span.gilWaitMicros() / 1e6, end - start);
            // a hair's gap at the end, so that back-to-back files show as separate bars
            double gap = Math.min((end - start) * 0.08, 0.002);
            // With the waits' times the whole bar is drawn and the waits over it; with their sum only, it goes first.
            double workFrom = span.gilWaits().length > 0 ? start : start + gil;
            XYSeries work = chart.addSeries("file " + (++n), new double[] {workFrom, end - gap}, new double[] {row, row});
            work.setMarker(SeriesMarkers.NONE);
            if (span.retry()) {
                XYSeries again = chart.addSeries("file " + n + ", run again", new double[] {start}, new double[] {row});
                again.setMarker(SeriesMarkers.DIAMOND);
                again.setMarkerColor(RETRY);
            }
            work.setLineColor(color);
            work.setLineStyle(new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            if (span.gilWaits().length > 0) {
                // The waits where they happened, drawn light over the bar: the turns the threads take show.
                long[] waits = span.gilWaits();
                for (int w = 0; w < waits.length; w += 2) {
                    double from = Math.max(start, (waits[w] - timeline.originMicros()) / 1e6);
                    double to = Math.min(end - gap, (waits[w + 1] - timeline.originMicros()) / 1e6);
                    if (to > from) {
                        XYSeries waiting = chart.addSeries("file " + n + ", GIL wait " + (w / 2 + 1), new double[] {from, to}, new double[] {row, row});
                        waiting.setMarker(SeriesMarkers.NONE);
                        waiting.setLineColor(waitColor(color));
                        waiting.setLineStyle(new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                    }
                }
            } else if (gil > 0) {
                XYSeries waiting = chart.addSeries("file " + n + ", GIL wait", new double[] {start, start + gil}, new double[] {row, row});
                waiting.setMarker(SeriesMarkers.NONE);
                waiting.setLineColor(waitColor(color));
                waiting.setLineStyle(new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            }
        }
        if (n == 0) {
            chart.addSeries("no files", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** The worker's colour, faded towards white: time spent waiting for the GIL. */
    private static Color waitColor(Color color) {
        return new Color(fade(color.getRed()), fade(color.getGreen()), fade(color.getBlue()));
    }

    private static int fade(int channel) {
        return channel + (255 - channel) * 3 / 4;
    }

    private static String shortWorker(String worker) {
        return worker.length() > 26 ? "…" + worker.substring(worker.length() - 25) : worker;
    }

    /** The chart as a PNG image. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as an SVG document. */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code name.png} and {@code name.svg} into {@code dir} (created if needed). */
    public static void save(Chart<?, ?> chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), png(chart));
            Files.writeString(dir.resolve(name + ".svg"), svg(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write charts to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final Color RETRY = new Color(0x22, 0x22, 0x22);

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private static void style(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setPlotGridLinesColor(new Color(0xe0e0e0));
        }
    }

    /** Median real and CPU seconds per configuration, warm-ups left out. */
    private static Table medians(Table runs) {
        Table measured = runs.where(runs.booleanColumn(BenchResults.WARMUP).isFalse());
        measured.addColumns(measured.doubleColumn(BenchResults.USER).add(measured.doubleColumn(BenchResults.SYS))
                .add(measured.doubleColumn(BenchResults.CHILD_USER)).add(measured.doubleColumn(BenchResults.CHILD_SYS)).setName("cpu"));
        Table m = measured.summarize(List.of(BenchResults.REAL, "cpu"), tech.tablesaw.aggregate.AggregateFunctions.median)
                .by(BenchResults.CONFIGURATION.toArray(String[]::new));
        m.column("Median [" + BenchResults.REAL + "]").setName("real");
        m.column("Median [cpu]").setName("cpu");
        // Strategies in the order the sweep ran them (sequential first), not alphabetically.
        List<String> order = runs.stringColumn(BenchResults.STRATEGY).asList().stream().distinct().toList();
        m.addColumns(tech.tablesaw.api.IntColumn.create("order", m.stringColumn(BenchResults.STRATEGY).asList().stream().mapToInt(order::indexOf).toArray()));
        return m.sortOn(BenchResults.WORKLOAD, "order", BenchResults.WORKERS, BenchResults.MACHINE);
    }

    private static int distinct(Table t, String column) {
        return t.column(column).countUnique();
    }

    private static String shortMachine(String machine) {
        int space = machine.indexOf(' ');
        return space > 0 ? machine.substring(0, space) : machine;
    }

    private static double number(Row row, String column) {
        return ((Number) row.getObject(column)).doubleValue();
    }
}
