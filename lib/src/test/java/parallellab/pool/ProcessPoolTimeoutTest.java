package parallellab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parallellab.testing.Workers;

/**
 * A task that never returns costs its worker, not the pool: over the task timeout the worker is
 * killed and replaced, and only that chunk's arguments fail. A task may also ask for its worker to
 * be replaced. Every test leaves no worker behind.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolTimeoutTest {

    @AfterEach
    void noWorkerRemains() throws InterruptedException {
        Workers.assertNoneLeft();
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static Map<Integer, Outcome<Long>> outcomes(ProcessPool pool, PoolTask<Integer, Long> task, int n) throws InterruptedException {
        Map<Integer, Outcome<Long>> byIndex = new ConcurrentHashMap<>();
        pool.imapUnordered(task, upTo(n), 1, outcome -> assertThat(byIndex.put(outcome.index(), outcome)).as("reported once").isNull());
        return byIndex;
    }

    private static long pid(Outcome<Long> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<Long>) outcome).value();
    }

    @Test
    void aChunkOverTheTaskTimeoutHasItsWorkerKilledAndReplacedAndTheRestGoesOn() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.builder(1).taskTimeout(Duration.ofSeconds(2)).build()) {
            Map<Integer, Outcome<Long>> outcomes = outcomes(pool, new TestTasks.SpinOn(2), 5);

            assertThat(outcomes).hasSize(5);
            long first = pid(outcomes.get(0));
            long second = pid(outcomes.get(3));
            assertThat(second).as("a fresh worker").isNotEqualTo(first);
            assertThat(pid(outcomes.get(1))).isEqualTo(first);
            assertThat(pid(outcomes.get(4))).isEqualTo(second);
            assertThat(outcomes.get(2)).isInstanceOfSatisfying(Outcome.Failed.class, failed -> assertThat(failed.error())
                    .isInstanceOf(TaskTimeoutException.class)
                    .hasMessage("gave up after 2 s; the worker JVM (pid " + first + ") was killed and replaced"));
            assertThat(Workers.allDead(List.of(first))).as("the stuck worker is gone").isTrue();
            assertThat(pool.workerStats()).extracting(WorkerStats::pid, WorkerStats::alive)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(first, false), org.assertj.core.groups.Tuple.tuple(second, true));

            assertThat(pool.map(new TestTasks.Square(), upTo(4))).as("the pool is not broken").containsExactly(0, 1, 4, 9);
            assertThatThrownBy(() -> pool.map(new TestTasks.SpinOn(0), upTo(2), 1))
                    .as("map runs everything, then reports the first failure")
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(TaskTimeoutException.class);
        }
    }

    @Test
    void aWorkerThatDiesByItselfStillBreaksThePool() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.builder(2).taskTimeout(Duration.ofMinutes(5)).build()) {
            pool.awaitReady();
            long victim = pool.workerStats().get(0).pid();
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            });
            assertThatThrownBy(() -> pool.map(new TestTasks.Sleep(30_000), upTo(8), 1))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(BrokenProcessPoolException.class).hasMessageContaining("pid " + victim);
            killer.join();
        }
    }

    @Test
    void aTaskCanAskForItsWorkerToBeReplacedAfterItsChunk() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Map<Integer, Outcome<Long>> outcomes = outcomes(pool, new TestTasks.RetireOn(1), 4);

            long first = pid(outcomes.get(0));
            assertThat(pid(outcomes.get(1))).as("the chunk that asked still finishes in its worker").isEqualTo(first);
            assertThat(pid(outcomes.get(2))).isNotEqualTo(first).isEqualTo(pid(outcomes.get(3)));
            assertThat(pool.workerStats()).hasSize(2).first().satisfies(s -> assertThat(s.alive()).isFalse());
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> ProcessPool.builder(1).taskTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 0");
    }
}
