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
}
