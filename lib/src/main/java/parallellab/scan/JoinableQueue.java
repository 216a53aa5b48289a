package parallellab.scan;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Python's {@code queue.Queue} in Java: a queue that also counts the items not yet done, so a
 * producer can wait with {@link #join()} until consumers have called {@link #taskDone()} for each.
 *
 * <p>Java's {@link BlockingQueue} has put and take but no {@code task_done}/{@code join}; the
 * {@link QueueThreadScanner} needs them to port the post's example line for line. In new Java code
 * an {@code ExecutorService} or a {@code Phaser} does this job (see {@link ExecutorScanner}).
 */
public final class JoinableQueue<T> {

    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();
    private final Object doneLock = new Object();

    /** Items put and not yet marked done. Guarded by {@link #doneLock}. */
    private long unfinished;

    /** Adds an item; the queue is unbounded, so this never blocks ({@code q.put(item)}). */
    public void put(T item) {
        synchronized (doneLock) {
            unfinished++;
        }
        items.add(item);
    }

    /** Waits for an item and removes it ({@code q.get()}). */
    public T take() throws InterruptedException {
        return items.take();
    }

    /** Removes an item if there is one, else returns null at once ({@code q.get_nowait()}). */
    public T poll() {
        return items.poll();
    }

    /** Marks one item taken earlier as done ({@code q.task_done()}). */
    public void taskDone() {
        synchronized (doneLock) {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() called more times than there were items");
            }
            unfinished--;
            if (unfinished == 0) {
                doneLock.notifyAll();
            }
        }
    }

    /** Waits until every item put has been marked done ({@code q.join()}). */
    public void join() throws InterruptedException {
        synchronized (doneLock) {
            while (unfinished > 0) {
                doneLock.wait();
            }
        }
    }

    /** Items put and not yet marked done. */
    public long unfinished() {
        synchronized (doneLock) {
            return unfinished;
        }
    }
}
