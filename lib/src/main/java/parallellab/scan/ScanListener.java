package parallellab.scan;

import java.nio.file.Path;
import parallellab.work.FileResult;

/**
 * Hears how a running scan is going: a file found by the walk, a file finished by a worker.
 *
 * <p>Calls may come from any thread, so implementations must be thread-safe. A progress bar, the
 * kernel's live display and the tests all listen this way.
 */
public interface ScanListener {

    ScanListener NONE = new ScanListener() {};

    /** The walk found a file to process. */
    default void found(Path file) {}

    /** The walk is over: {@code total} files were found. */
    default void walkFinished(int total) {}

    /** A file was processed (well or not). */
    default void finished(FileResult result) {}
}
