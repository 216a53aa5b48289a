package parallellab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import parallellab.scan.ScanListener;
import parallellab.work.FileResult;

/**
 * A terminal progress bar fed by a scan: its total grows as the walk finds files, it steps as
 * workers finish them. Thread-safe, since workers report from their own threads. Closing it stops
 * the bar's refresh thread.
 */
final class ProgressBarListener implements ScanListener, AutoCloseable {

    private final ProgressBar bar;
    private final AtomicLong found = new AtomicLong();

    ProgressBarListener(String task, PrintStream terminal) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(terminal)).setUnit(" files", 1).build();
    }

    @Override
    public void found(Path file) {
        bar.maxHint(found.incrementAndGet());
    }

    @Override
    public void walkFinished(int total) {
        bar.maxHint(total);
    }

    @Override
    public void finished(FileResult result) {
        bar.step();
    }

    @Override
    public void close() {
        bar.close();
    }
}
