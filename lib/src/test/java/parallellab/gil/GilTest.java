package parallellab.gil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GilTest {

    private final AtomicInteger runningJavaCode = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @AfterEach
    void nothingLeftOn() {
        assertThat(Gil.isActive()).isFalse();
    }

    /** A CPU-bound step that counts how many threads are in it at once. */
    private void busyStep() {
        mostAtOnce.accumulateAndGet(runningJavaCode.incrementAndGet(), Math::max);
        long x = 0;
        for (int i = 0; i < 2_000; i++) {
            x += i * 31L ^ x;
        }
        if (x == 42) {
            Thread.onSpinWait();
        }
        runningJavaCode.decrementAndGet();
    }

    private static List<Thread> start(Runnable... bodies) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable body : bodies) {
            Thread thread = new Thread(body, "gil-test");
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    @Test
    void withTheGilOnTwoBusyThreadsNeverRunJavaCodeAtOnceYetBothProgress() throws Exception {
        AtomicLong stepsA = new AtomicLong();
        AtomicLong stepsB = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Gil gil = Gil.activate(Duration.ofMillis(1))) {
            Runnable a = () -> spinUntilBothProgressed(stepsA, stepsB, deadline);
            Runnable b = () -> spinUntilBothProgressed(stepsB, stepsA, deadline);
            joinAll(start(a, b));

            assertThat(mostAtOnce).hasValue(1);
            assertThat(stepsA.get()).isGreaterThanOrEqualTo(1_000);
            assertThat(stepsB.get()).isGreaterThanOrEqualTo(1_000);
            assertThat(gil.switches()).as("the lock was handed over at checkpoints").isPositive();
        }
    }

    /** Runs steps until both counters reach 1000: impossible unless the GIL is handed over. */
    private void spinUntilBothProgressed(AtomicLong mine, AtomicLong other, long deadline) {
        try (Gil.Hold held = Gil.hold()) {
            while ((mine.get() < 1_000 || other.get() < 1_000) && System.nanoTime() < deadline) {
                busyStep();
                mine.incrementAndGet();
                Gil.checkpoint();
            }
        }
    }

    @Test
    void blockingSectionsRunWithoutTheGilAndOverlap() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean heldInside = new AtomicBoolean();
        AtomicBoolean heldBefore = new AtomicBoolean();
        Runnable body = () -> {
            try (Gil.Hold held = Gil.hold()) {
                busyStep();
                heldBefore.set(Gil.heldByCurrentThread());
                Gil.released(() -> {
                    heldInside.compareAndSet(false, Gil.heldByCurrentThread());
                    return bothInside.await(20, TimeUnit.SECONDS);
                });
                busyStep();
            } catch (Exception e) {
                failure.set(e);
            }
        };
        try (Gil gil = Gil.activate()) {
            joinAll(start(body, body));
        }
        assertThat(failure.get()).as("both threads were in a released section at the same time").isNull();
        assertThat(heldBefore).isTrue();
        assertThat(heldInside).isFalse();
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void withoutAGilEverythingRunsAsWritten() throws Exception {
        assertThat(Gil.isActive()).isFalse();
        Gil.checkpoint();
        try (Gil.Hold held = Gil.hold()) {
            assertThat(Gil.released(() -> "ran")).isEqualTo("ran");
        }
        CyclicBarrier together = new CyclicBarrier(2);
        Runnable body = () -> {
            try {
                mostAtOnce.accumulateAndGet(runningJavaCode.incrementAndGet(), Math::max);
                together.await(20, TimeUnit.SECONDS);
                runningJavaCode.decrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        joinAll(start(body, body));
        assertThat(mostAtOnce).hasValue(2);
    }

    @Test
    void oneGilAtATimeAndOffWhenClosed() {
        try (Gil gil = Gil.activate()) {
            assertThat(Gil.isActive()).isTrue();
            assertThatThrownBy(Gil::activate).isInstanceOf(IllegalStateException.class).hasMessageContaining("already on");
        }
        assertThat(Gil.isActive()).isFalse();
        try (Gil none = Gil.activateIf(false)) {
            assertThat(none).isNull();
            assertThat(Gil.isActive()).isFalse();
        }
    }

    @Test
    void theSwitchIntervalIsCPythonsFiveMillisecondsUnlessChanged() {
        assertThat(Gil.switchInterval()).isEqualTo(Duration.ofMillis(5));
        try {
            Gil.setSwitchInterval(Duration.ofMillis(1));
            assertThat(Gil.switchInterval()).isEqualTo(Duration.ofMillis(1));
            assertThatThrownBy(() -> Gil.setSwitchInterval(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        } finally {
            Gil.setSwitchInterval(Gil.DEFAULT_SWITCH_INTERVAL);
        }
    }
}
