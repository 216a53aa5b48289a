package parallellab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import parallellab.scan.ScanListener;
import parallellab.work.FileResult;

/**
 * A terminal progress bar fed by a scan: its total grows as the walk finds files, it steps as
 * workers finish them. Thread-safe, since workers report from their own threads. Closing it stops
 * the bar's refresh thread.
 *
 * <p>The bar appears only once the scan has run for {@link #SHOW_AFTER}: a shorter scan would flash it
 * by, and drawing it is not free (the bar's thread, and JLine asking the terminal its width by running
 * {@code test -t} and {@code tty}: a third more CPU for a tags scan of the bundled library, in the very
 * run the first lesson times). The trade-off: a scan stuck on its first file shows no bar until a file ends.
 */
final class ProgressBarListener implements ScanListener, AutoCloseable {

    /** How long a scan runs before its bar appears. */
    static final Duration SHOW_AFTER = Duration.ofSeconds(1);

    private final String task;
    private final PrintStream terminal;
    private final long showAt;
    private long found;
    private long done;
    private long total = -1;
    private ProgressBar bar; // null until the scan has run SHOW_AFTER

    ProgressBarListener(String task, PrintStream terminal) {
        this(task, terminal, SHOW_AFTER);
    }

    ProgressBarListener(String task, PrintStream terminal, Duration showAfter) {
        this.task = task;
        this.terminal = terminal;
        this.showAt = System.nanoTime() + showAfter.toNanos();
    }

    @Override
    public synchronized void found(Path file) {
        found++;
        if (shown()) {
            bar.maxHint(found);
        }
    }

    @Override
    public synchronized void walkFinished(int total) {
        this.total = total;
        if (shown()) {
            bar.maxHint(total);
        }
    }

    @Override
    public synchronized void finished(FileResult result) {
        done++;
        if (shown()) {
            bar.stepTo(done);
        }
    }

    /** True when the bar is on screen, drawing it first (with the counts so far) once it is time. */
    private boolean shown() {
        if (bar == null && System.nanoTime() - showAt >= 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal)).setUnit(" files", 1).build();
            bar.maxHint(total >= 0 ? total : found);
            bar.stepTo(done);
        }
        return bar != null;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
