package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void theMainStrategiesComeInLessonOrder() {
        assertThat(Strategies.names()).containsSubsequence("sequential", "queue-threads", "executor", "virtual", "parallel-stream");
        assertThat(Strategies.variants()).contains("exit-when-empty", "thread-local", "thread-subclass");
    }

    @Test
    void everyNameCreatesTheScannerOfThatName() {
        for (String name : Strategies.all()) {
            assertThat(Strategies.create(name, ScanOptions.workers(2)).name()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownNameIsAOneLineErrorListingTheChoices() {
        assertThatThrownBy(() -> Strategies.create("threads", ScanOptions.workers(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown strategy 'threads'")
                .hasMessageContaining("queue-threads")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPlugInStrategyIsFoundThroughItsProviderOnTheClassPath() {
        assertThat(Strategies.plugIns()).contains("echo-master");
        assertThat(Strategies.create("echo-master", ScanOptions.workers(2)).name()).isEqualTo("echo-master on this machine");
        assertThat(Strategies.create("echo-master", ScanOptions.workers(2), "cluster:7077").name()).isEqualTo("echo-master on cluster:7077");
    }

    @Test
    void aBuiltInStrategyTakesNoMaster() {
        assertThatThrownBy(() -> Strategies.create("executor", ScanOptions.workers(2), "cluster:7077"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a master is for a plug-in strategy, not for executor");
    }
}
