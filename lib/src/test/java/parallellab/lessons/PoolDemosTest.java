package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import parallellab.testing.Workers;
import tech.tablesaw.api.Table;

/** The lesson's fault demos tell what happened and leave no worker behind. */
class PoolDemosTest {

    @Test
    void anInterruptedMapLeavesNoWorker() throws InterruptedException {
        Table timeline = PoolDemos.interruptAfter(2, Duration.ofMillis(300));

        assertThat(timeline.stringColumn("what happened").asList())
                .anyMatch(event -> event.startsWith("map threw InterruptedException"))
                .last().isEqualTo("worker processes still alive: 0 of 2");
        Workers.assertNoneLeft();
    }

    @Test
    void aKilledWorkerBreaksThePoolAndNamesItself() throws InterruptedException {
        Table timeline = PoolDemos.killAWorker(2, Duration.ofMillis(300));

        assertThat(timeline.stringColumn("what happened").asList())
                .anyMatch(event -> event.contains("BrokenProcessPoolException: worker 1 (pid") && event.contains("killed by signal 9"))
                .last().isEqualTo("worker processes still alive: 0 of 2");
        Workers.assertNoneLeft();
    }
}
