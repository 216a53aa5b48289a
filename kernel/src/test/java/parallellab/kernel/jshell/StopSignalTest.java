package parallellab.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop switch: free until requested, then it stops even a loop the JIT compiled with the check folded away. */
class StopSignalTest {

    @AfterEach
    void reset() {
        StopSignal.clear();
    }

    @Test
    void checkPassesUntilRequestedAndAgainAfterClear() {
        StopSignal.check();
        StopSignal.request();
        assertThat(StopSignal.requested()).isTrue();
        assertThatThrownBy(StopSignal::check).isInstanceOf(StopSignal.CellStoppedError.class);
        assertThatThrownBy(StopSignal::check).isInstanceOf(StopSignal.CellStoppedError.class);
        StopSignal.clear();
        assertThat(StopSignal.requested()).isFalse();
        StopSignal.check();
    }

    @Test
    void aCompiledSpinningLoopIsStoppedAndItsResultIsUnchangedBefore() throws InterruptedException {
        assertThat(sumWithChecks(1_000)).isEqualTo(499_500L);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread spinner = new Thread(() -> {
            try {
                long rounds = 0;
                while (true) {          // long enough for C2 to compile it, check inlined as "carry on"
                    rounds += sumWithChecks(1_000) & 1;
                    StopSignal.check();
                }
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        spinner.setDaemon(true);
        spinner.start();
        Thread.sleep(1_500);
        StopSignal.request();
        spinner.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(spinner.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(StopSignal.CellStoppedError.class);
        StopSignal.clear();
        assertThat(sumWithChecks(1_000)).isEqualTo(499_500L);
    }

    /** A loop as SnippetRewriter leaves it: a check before the backward jump. */
    private static long sumWithChecks(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
            StopSignal.check();
        }
        return sum;
    }
}
