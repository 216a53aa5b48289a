package parallellab.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import parallellab.bench.BenchResults;
import parallellab.bench.Runs;
import parallellab.measure.Timing;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

    @TempDir
    Path dir;

    /** A bench table shaped like a real sweep: threads scale, a pool scales with overhead. */
    static Table sweep() {
        List<BenchResults.RunRow> runs = new ArrayList<>();
        add(runs, "sequential", 1, 10.0, 1.0);
        for (int p : new int[] {1, 2, 4, 8}) {
            add(runs, "queue-threads", p, 1.0 + 9.0 / p, Math.min(p, 2) * 0.95);
            add(runs, "process-pool", p, (1.5 + 9.0 / p) * (1 + 0.02 * p * p), Math.min(p, 2) * 0.9);
        }
        return BenchResults.table("synthetic", runs);
    }

    private static void add(List<BenchResults.RunRow> runs, String strategy, int p, double real, double cores) {
        for (int r = 0; r < 2; r++) {
            runs.add(Runs.run("vm (2 cores, JDK 25)", strategy, p, "analyze", false, r, r == 0 && p == 1,
                    250, 240, new Timing(real * (1 + r * 0.02), real * cores * 0.9, real * cores * 0.1, 0, 0, 200L << 20, 0)));
        }
    }

    @Test
    void speedupChartHasIdealLineAndFitsInTheLegend() throws Exception {
        XYChart chart = Charts.speedup(sweep());
        assertThat(chart.getSeriesMap().keySet()).contains("ideal (S = p)", "queue-threads (measured)")
                .anyMatch(name -> name.startsWith("queue-threads Amdahl fit, serial f = 0.1"))
                .anyMatch(name -> name.startsWith("process-pool USL fit"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
        Charts.save(chart, dir, "speedup");
        assertThat(Files.readString(dir.resolve("speedup.svg"))).contains("<svg");
    }

    @Test
    void speedupOfNamedStrategiesKeepsTheSequentialBaseline() {
        XYChart chart = Charts.speedup(sweep(), "process-pool");
        assertThat(chart.getSeriesMap().keySet()).contains("process-pool (measured)").noneMatch(name -> name.startsWith("queue-threads"));
        assertThat(chart.getSeriesMap().get("process-pool (measured)").getYData()[0]).isLessThan(1.0);
    }

    @Test
    void theSpeedupTitleNamesTheBaselineItUsed() {
        Table runs = sweep();
        assertThat(Charts.speedup(runs).getTitle()).isEqualTo("Speedup against the sequential scan");
        Table threadsOnly = runs.where(runs.stringColumn(BenchResults.STRATEGY).isNotEqualTo("sequential"));
        assertThat(Charts.speedup(threadsOnly).getTitle()).isEqualTo("Speedup against each strategy's own 1-worker run");
        assertThat(Charts.speedup(threadsOnly).getSeriesMap().get("process-pool (measured)").getYData()[0]).isEqualTo(1.0);
    }

    @Test
    void realVsCpuHasOneCategoryPerConfiguration() {
        CategoryChart chart = Charts.realVsCpu(sweep());
        assertThat(chart.getSeriesMap()).hasSize(2);
        assertThat(chart.getSeriesMap().values().iterator().next().getXData()).hasSize(9)
                .anyMatch(x -> x.toString().matches("queue-threads ×2 \\(1\\.[89]\\d\\)"));
        assertThat(Charts.svg(chart)).contains("<svg");
        assertThat(chart.getTitle()).isEqualTo("Real time and CPU time per configuration");
    }

    @Test
    void warmupChartRingsTheWarmupsAndDrawsTheMedianAndTheJit() {
        List<BenchResults.RunRow> rows = new ArrayList<>();
        double[] seconds = {2.0, 1.2, 1.0, 1.1, 1.0};
        for (int i = 0; i < seconds.length; i++) {
            rows.add(Runs.run("m", "sequential", 1, "analyze", false, i < 2 ? i : i - 2, i < 2, 10, 10,
                    new Timing(seconds[i], seconds[i], 0, 0, 0, 0, 0), 1.0 / (i + 1)));
        }
        Table runs = BenchResults.table("warm-up", rows);
        XYChart chart = Charts.warmup(runs);
        assertThat(chart.getSeriesMap().keySet()).contains("sequential ×1", "sequential ×1: warm-up, left out of the median",
                "sequential ×1: median of measured runs, 1.00 s", "JIT compiler threads busy compiling during the run (s)");
        assertThat(chart.getSeriesMap().get("sequential ×1: warm-up, left out of the median").getXData()).containsExactly(1.0, 2.0);
        assertThat(Charts.png(chart)).isNotEmpty();

        Table two = sweep(); // several configurations: one line each, no JIT series
        assertThat(Charts.warmup(two).getSeriesMap().keySet()).noneMatch(name -> name.startsWith("JIT compiler"))
                .contains("queue-threads ×4", "process-pool ×8");
    }

    @Test
    void cellTimingsReadTheKernelsColumns() {
        Table cells = Table.create("cells", IntColumn.create("cell", 1, 2, 3),
                StringColumn.create("code", "var runs = Bench.sweep().run();", "Charts.speedup(runs)", "Thread.sleep(1000)"),
                DoubleColumn.create("real_s", 12.0, 0.4, 1.0), DoubleColumn.create("user_s", 20.0, 0.3, 0.0),
                DoubleColumn.create("sys_s", 1.0, 0.05, 0.0));
        CategoryChart chart = Charts.cellTimings(cells);
        assertThat(chart.getSeriesMap().keySet()).containsExactly("real (wall clock)", "user CPU", "sys CPU");
        assertThat(chart.getSeriesMap().get("user CPU").getXData()).first().hasToString("[1] var runs = Bench.sweep(…");
        assertThat(Charts.png(chart)).isNotEmpty();
    }
}
