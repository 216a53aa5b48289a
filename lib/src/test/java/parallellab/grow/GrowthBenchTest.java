package parallellab.grow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import parallellab.bench.BenchResults;
import parallellab.scan.LibraryWalker;
import parallellab.scan.QueueThreadScanner;
import parallellab.scan.SequentialScanner;
import parallellab.work.FileResult;
import parallellab.work.Workloads;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class GrowthBenchTest {

    @TempDir
    static Path tmp;

    private static Path grown;

    @BeforeAll
    static void grow() throws Exception {
        Path bundled = Path.of(System.getProperty("parallellab.data", "data"), "library");
        assumeThat(bundled).as("the bundled library").isDirectory();
        grown = tmp.resolve("grown");
        LibraryGrower.from(bundled).grow(grown, 24, 1);
    }

    @Test
    void aSmallerSizeIsWhatGrowingThatManyWouldHaveWritten() throws Exception {
        Path eight = tmp.resolve("eight");
        LibraryGrower.from(Path.of(System.getProperty("parallellab.data", "data"), "library")).grow(eight, 8, 1);
        List<String> first = LibraryWalker.audioFiles(grown).subList(0, 8).stream().map(p -> grown.relativize(p).toString()).toList();
        assertThat(LibraryWalker.audioFiles(eight).stream().map(p -> eight.relativize(p).toString())).containsExactlyElementsOf(first);
    }

    @Test
    void scansEverySizeWithEveryStrategyAndLeavesTheLibraryAsItWas() throws Exception {
        List<Path> before = LibraryWalker.audioFiles(grown);

        Table runs = GrowthBench.on(grown).sizes(24, 8).workload("tags").repeats(2)
                .strategies(2, "sequential").add("queue-threads", 2, QueueThreadScanner::new).run();

        assertThat(runs.rowCount()).isEqualTo(4);
        assertThat(runs.intColumn(BenchResults.FILES).asList()).containsExactly(8, 8, 24, 24);
        assertThat(runs.stringColumn(BenchResults.STRATEGY).asList()).containsExactly("sequential", "queue-threads", "sequential", "queue-threads");
        assertThat(runs.intColumn(BenchResults.OK).asList()).containsExactly(8, 8, 24, 24);
        assertThat(runs.doubleColumn(BenchResults.PEAK_RSS_MB).min()).as("this JVM's memory").isPositive();
        assertThat(LibraryWalker.audioFiles(grown)).isEqualTo(before);
        List<FileResult> all = new SequentialScanner().scan(grown, Workloads.named("tags"));
        assertThat(all).allMatch(FileResult::ok);
    }

    @Test
    void refusesASizeLargerThanTheLibraryBeforeScanning() {
        assertThatThrownBy(() -> GrowthBench.on(grown).sizes(10, 1000).strategies(1, "sequential").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 audio files, fewer than 1000");
        assertThatThrownBy(() -> GrowthBench.on(grown).sizes(10).run()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrowthBench.on(grown).sizes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitsAStraightLinePerStrategy() {
        Table runs = Table.create("runs",
                StringColumn.create(BenchResults.STRATEGY, "a", "a", "a", "b", "b", "b"),
                IntColumn.create(BenchResults.FILES, 100, 200, 400, 100, 200, 400),
                DoubleColumn.create(BenchResults.REAL, 1.2, 1.4, 1.8, 0.1, 0.3, 0.7));

        List<GrowthBench.Fit> fits = GrowthBench.lines(runs);

        assertThat(fits).extracting(GrowthBench.Fit::strategy).containsExactly("a", "b");
        assertThat(fits.get(0).fixedSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fits.get(0).msPerFile()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fits.get(1).fixedSeconds()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fits.get(1).rSquared()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(GrowthBench.fits(runs).rowCount()).isEqualTo(2);
        XYChart chart = GrowthBench.chart(runs);
        assertThat(chart.getSeriesMap()).containsKeys("a", "b").hasSize(4);
    }
}
