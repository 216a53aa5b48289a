package parallellab.work;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The work done for one file, chosen by name: {@code tags}, {@code analyze} or {@code external}.
 *
 * <p>Scanners differ only in how they hand files out; the workload is what they hand them to. A
 * workload is a small serializable record so that the process pool can send it to worker JVMs:
 * its fields are the extra arguments, the Java face of {@code functools.partial}.
 *
 * <p>{@link #process} never throws for a bad file and never returns null: it returns a
 * {@link FileResult.Failed} with a one-line reason instead.
 */
public interface Workload extends Serializable {

    /** The name used on the command line and in tables, for example {@code analyze}. */
    String name();

    /** Reads or analyses one file. Never throws for a broken file; never returns null. */
    FileResult process(Path file);

    /**
     * This workload with at most {@code budget} per file: a file that takes longer fails with "gave
     * up after ..." and the scan goes on ({@link FileBudget}).
     */
    default FileBudget withBudget(Duration budget) {
        return new FileBudget(this, budget);
    }

    /** This workload with the default budget per file: 10 s, plus twice the seconds analysed. */
    default FileBudget withDefaultBudget() {
        return withBudget(FileBudget.defaultFor(this));
    }
}
