package parallellab.progress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import parallellab.scan.ScanListener;
import parallellab.work.FileResult;

/**
 * Counts a running scan's progress as a {@link ScanListener}: files found, files done, and from them
 * a rate and an ETA ({@link #snapshot()}).
 *
 * <p>Any scanner thread may call in, so the counts are atomics and a snapshot reads them without a
 * lock; it may be a moment stale, never torn. To watch the progress, {@link #every} starts a
 * daemon ticker that hands snapshots to a display; the caller owns it and closes it when the scan
 * ends:
 *
 * <pre>{@code
 * ProgressTracker progress = new ProgressTracker();
 * try (var ticker = progress.every(Duration.ofMillis(100), snap -> display.update(snap.toString()))) {
 *     scanner.scan(root, workload, progress);
 * }
 * }</pre>
 */
public final class ProgressTracker implements ScanListener {

    private final long startNanos = System.nanoTime();
    private final AtomicInteger found = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicBoolean walkFinished = new AtomicBoolean();

    @Override
    public void found(Path file) {
        found.incrementAndGet();
    }

    @Override
    public void walkFinished(int total) {
        found.set(total);
        walkFinished.set(true);
    }

    @Override
    public void finished(FileResult result) {
        done.incrementAndGet();
    }

    /** The progress now. */
    public ProgressSnapshot snapshot() {
        boolean walked = walkFinished.get();
        int d = done.get();
        int total = Math.max(found.get(), d);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? d / seconds : 0;
        Optional<Duration> eta = rate > 0
                ? Optional.of(Duration.ofMillis(Math.round(1000 * (total - d) / rate)))
                : Optional.empty();
        return new ProgressSnapshot(d, total, walked, elapsed, rate, eta);
    }

    /**
     * Calls {@code display} with a snapshot every {@code period} (at most every 10 ms) from a daemon
     * thread, and once more with the final snapshot when the returned ticker is closed.
     */
    public Ticker every(Duration period, Consumer<ProgressSnapshot> display) {
        return new Ticker(this, Math.max(10, period.toMillis()), display);
    }

    /** {@link #every} at the usual 100 ms. */
    public Ticker every(Consumer<ProgressSnapshot> display) {
        return every(Duration.ofMillis(100), display);
    }

    /**
     * The thread that refreshes a display; closing it stops the thread (and waits for it) and then
     * shows the final snapshot, so the display never ends on a stale count.
     */
    public static final class Ticker implements AutoCloseable {

        private final ProgressTracker tracker;
        private final Consumer<ProgressSnapshot> display;
        private final ScheduledExecutorService thread;

        private Ticker(ProgressTracker tracker, long periodMillis, Consumer<ProgressSnapshot> display) {
            this.tracker = tracker;
            this.display = display;
            this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress-ticker");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            try {
                display.accept(tracker.snapshot());
            } catch (RuntimeException brokenDisplay) {
                thread.shutdown(); // a failing display must not fail the scan; it just stops updating
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            display.accept(tracker.snapshot());
        }
    }
}
