package parallellab.scan;

import java.nio.file.Path;
import java.util.List;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * A way of handing the files of a library to a workload: in one thread, in a pool of threads, in
 * worker processes. Every strategy returns the same {@link FileResult}s; only the order may differ,
 * and {@link #ordered()} says whether it keeps the walk's order.
 *
 * <p>Every scanner stops promptly when the calling thread is interrupted (a notebook interrupt is
 * one) and leaves no thread or process behind, whether it finishes, fails or is interrupted.
 */
public interface LibraryScanner {

    /** The strategy's name on the command line, for example {@code queue-threads}. */
    String name();

    /** Scans every audio file under {@code root} (see {@link LibraryWalker}) with the workload. */
    List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException;

    default List<FileResult> scan(Path root, Workload workload) throws InterruptedException {
        return scan(root, workload, ScanListener.NONE);
    }

    /** True when the results come back in the walk's (sorted) order. */
    default boolean ordered() {
        return false;
    }
}
