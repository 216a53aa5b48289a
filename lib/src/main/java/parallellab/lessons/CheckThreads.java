package parallellab.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * The threads a check starts to run a learner's code, owned by the check: started named, their
 * uncaught exceptions kept instead of printed, and stopped (interrupted and joined) before the check
 * reports, so a wrong answer never leaves a thread behind in the kernel.
 */
final class CheckThreads implements AutoCloseable {

    /** Threads that ignore interrupts this long are given up on, and the check says so. */
    private static final long STOP_MILLIS = 2_000;

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
    private boolean stubborn;

    /** Starts a thread named {@code name} running {@code body}, whose exceptions are kept. */
    Thread start(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException released) {
                // the check is stopping its threads
            } catch (Throwable e) {
                uncaught.add(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        return thread;
    }

    /** Exceptions the learner's code let escape from a thread, in the order they happened. */
    List<Throwable> uncaught() {
        return List.copyOf(uncaught);
    }

    /** True when every thread has ended. */
    boolean allEnded() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /**
     * Waits until {@code done} or until nothing changes: {@code progress} has kept its value for
     * {@code quietMillis}, or {@code maxMillis} have gone by. A check of wrong code ends this way,
     * rather than waiting for ever as a real {@code join()} would.
     */
    static boolean await(java.util.function.BooleanSupplier done, LongSupplier progress, long quietMillis, long maxMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        long last = progress.getAsLong();
        long lastChange = start;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            long value = progress.getAsLong();
            if (value != last) {
                last = value;
                lastChange = now;
            }
            if ((now - lastChange) / 1_000_000 >= quietMillis || (now - start) / 1_000_000 >= maxMillis) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** True when some thread would not stop when interrupted (it is left to end on its own, a daemon). */
    boolean stubborn() {
        return stubborn;
    }

    /** Interrupts every thread still running and waits for it. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + STOP_MILLIS * 1_000_000;
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                thread.interrupt();
                try {
                    thread.join(50);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            stubborn |= thread.isAlive();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
