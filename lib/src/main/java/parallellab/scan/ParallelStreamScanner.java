package parallellab.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * One line of stream code: {@code files.parallelStream().map(workload::process).toList()}.
 *
 * <p><b>What it shows.</b> The stream splits the list of files and runs the pieces on a
 * {@link ForkJoinPool}, then puts the results back in the walk's order. Normally that is the JVM's
 * shared common pool (one thread per core, minus one); to choose N and to own the threads, the
 * stream is started from inside a pool of our own:
 * {@code pool.submit(() -> files.parallelStream()...toList()).get()}, and the pool is closed after.
 * That a stream runs in the pool it was started from is an implementation detail of streams, not a
 * documented promise, but it has held since Java 8 and is widely relied on.
 *
 * <p><b>What it costs.</b> Splitting is tuned for many small CPU-bound elements; with few slow files
 * the split can leave a thread idle at the end. Blocking I/O in a fork/join pool ties up its
 * threads. A stream cannot be stopped half way, so an interrupt sets a flag that makes the
 * remaining elements fail fast.
 *
 * <p><b>When to choose it.</b> CPU-bound work on a list you already have, when one line beats a
 * pool you manage.
 */
public final class ParallelStreamScanner implements LibraryScanner {

    public static final String WORKER_NAME = "parallel-stream-worker-";

    private final ScanOptions options;

    public ParallelStreamScanner(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "parallel-stream";
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        List<Path> files = ScanSkeleton.list(root, listener);
        AtomicBoolean stopping = new AtomicBoolean();
        try (Gil gil = Gil.activateIf(options.gil());
             ForkJoinPool pool = new ForkJoinPool(options.workers(), namedWorkers(), null, false)) {
            try {
                return pool.submit(() -> files.parallelStream()
                        .map(file -> {
                            if (stopping.get()) {
                                throw new CancellationException("scan interrupted");
                            }
                            return ScanSkeleton.processAndReport(workload, file, listener);
                        })
                        .toList()).get();
            } catch (ExecutionException e) {
                throw ScanSkeleton.unchecked(e);
            } finally {
                stopping.set(true);
                pool.shutdownNow();
            }
        }
    }

    /**
     * Names the pool's threads worker-0, worker-1, ... in the order they are made. (Not by
     * {@code getPoolIndex()}: a thread is not registered with its pool yet when the factory runs, so
     * every one would be worker-0, and the timeline would draw them all on one row.)
     */
    private static ForkJoinPool.ForkJoinWorkerThreadFactory namedWorkers() {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        return pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName(WORKER_NAME + made.getAndIncrement());
            return thread;
        };
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy parallel-stream --workers 2
     * or in a cell:
     *   new ParallelStreamScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (compare with executor on a few slow files).
     */
}
