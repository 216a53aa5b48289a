package parallellab.progress;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a {@link ProgressTracker} as a text progress bar on the terminal (me.tongfei progressbar),
 * for the command line: {@code try (var bar = ConsoleProgress.show(tracker, "scan")) { ... }}.
 *
 * <p>Progress goes to stderr so that stdout stays clean for JSON or CSV output.
 */
public final class ConsoleProgress implements AutoCloseable {

    private final ProgressBar bar;
    private final ProgressTracker.Ticker ticker;

    private ConsoleProgress(ProgressTracker tracker, String task, PrintStream out) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setUnit(" files", 1)
                .showSpeed()
                .setUpdateIntervalMillis(100)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        this.ticker = tracker.every(Duration.ofMillis(100), this::update);
    }

    /** A bar on stderr that follows the tracker until closed. */
    public static ConsoleProgress show(ProgressTracker tracker, String task) {
        return new ConsoleProgress(tracker, task, System.err);
    }

    /** A bar on any stream (tests use a buffer). */
    public static ConsoleProgress show(ProgressTracker tracker, String task, PrintStream out) {
        return new ConsoleProgress(tracker, task, out);
    }

    private void update(ProgressSnapshot snap) {
        bar.maxHint(snap.walkFinished() ? snap.total() : -1);
        bar.stepTo(snap.done());
        bar.setExtraMessage(snap.walkFinished() ? "" : "walking…");
    }

    @Override
    public void close() {
        ticker.close();
        bar.close();
    }
}
