package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JoinableQueueTest {

    @Test
    void joinReturnsOnlyAfterEveryItemIsMarkedDone() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        queue.put("a");
        queue.put("b");
        CountDownLatch joined = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                queue.join();
                joined.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();

        assertThat(queue.take()).isEqualTo("a");
        queue.taskDone();
        assertThat(queue.take()).isEqualTo("b");
        assertThat(joined.getCount()).as("one item is taken but not done").isEqualTo(1);
        assertThat(queue.unfinished()).isEqualTo(1);

        queue.taskDone();
        assertThat(joined.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join();
    }

    @Test
    void joinOnAQueueWithNothingPendingReturnsAtOnce() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        queue.join();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void taskDoneTooOftenIsAnError() {
        JoinableQueue<String> queue = new JoinableQueue<>();
        assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class).hasMessageContaining("more times");
    }

    @Test
    void joinCanBeInterrupted() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        queue.put("never done");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                queue.join();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }
}
