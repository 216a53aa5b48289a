package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.measure.BenchResults;
import tech.tablesaw.api.Table;

class ComparisonTest {

    @TempDir
    Path tmp;

    @Test
    void runsEveryConfigurationInRoundsAndSummarisesTheMeasuredOnes() throws Exception {
        Path library = TestLibraries.generate(tmp, 6, 8);

        Table runs = Comparison.on(library).workloads(new TestWorkloads.Checksum())
                .add("sequential", 1).sweep("queue-threads", 1, 2).sweepWithGil("queue-threads", 2)
                .add("virtual, no limit", 6, options -> new VirtualThreadScanner(options).withoutLimit())
                .repeats(2).warmups(1).run();

        assertThat(runs.rowCount()).isEqualTo(5 * 3);
        assertThat(runs.intColumn(BenchResults.FILES).asList()).containsOnly(6);
        assertThat(runs.stringColumn(BenchResults.STRATEGY).asList().subList(0, 5))
                .containsExactly("sequential", "queue-threads", "queue-threads", "queue-threads", "virtual, no limit");
        assertThat(runs.booleanColumn(BenchResults.WARMUP).asList().subList(0, 6)).containsExactly(true, true, true, true, true, false);

        Table summary = Comparison.summary(runs);
        assertThat(summary.rowCount()).isEqualTo(5);
        assertThat(summary.columnNames()).contains("real_s", "jvm_cpu_s", "child_cpu_s", "cpu_per_real", "speedup");
        assertThat(summary.where(summary.stringColumn(BenchResults.STRATEGY).isEqualTo("sequential")).doubleColumn("speedup").get(0))
                .isEqualTo(1.0);
        assertThat(summary.doubleColumn("speedup").asList()).allMatch(s -> s > 0);
    }

    @Test
    void withoutASequentialRunTheSpeedupIsOverTheStrategysOwnOneWorkerRun() throws Exception {
        Path library = TestLibraries.generate(tmp, 4, 10);

        Table summary = Comparison.summary(Comparison.on(library).workloads(new TestWorkloads.Checksum())
                .sweepWithGil("queue-threads", 1, 2).repeats(1).warmups(0).run());

        assertThat(summary.doubleColumn("speedup").get(0)).isEqualTo(1.0);
        assertThat(summary.doubleColumn("speedup").get(1)).isPositive();
    }

    @Test
    void anUnknownStrategyOrAnEmptyComparisonFailsBeforeAnythingRuns() throws Exception {
        Path library = TestLibraries.generate(tmp, 2, 9);
        assertThatThrownBy(() -> Comparison.on(library).add("queue-thread", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown strategy 'queue-thread'");
        assertThatThrownBy(() -> Comparison.on(library).add("sequential", 1).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing to compare");
        assertThatThrownBy(() -> Comparison.on(tmp.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no such folder");
    }
}
