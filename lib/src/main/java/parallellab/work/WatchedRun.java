package parallellab.work;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file running on one thread under a budget's watchdog, and who finishes it: the thread
 * ({@code DONE}) or the watchdog ({@code FIRED}: interrupted over budget; {@code ABANDONED}: still
 * running after the grace). {@code FIRING} covers the moment between the watchdog's decision and its
 * interrupt, so that a thread finishing just then waits for the interrupt and clears it.
 */
final class WatchedRun {
    static final int RUNNING = 0;
    static final int DONE = 1;
    static final int FIRING = 2;
    static final int FIRED = 3;
    static final int ABANDONED = 4;

    final Thread thread;
    final Path file;
    final long since;
    volatile long firedAt;
    final AtomicInteger phase = new AtomicInteger(RUNNING);

    WatchedRun(Thread thread, Path file, long since) {
        this.thread = thread;
        this.file = file;
        this.since = since;
    }
}
