package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * A virtual thread per file (JDK 21), with a {@link Semaphore} to bound how many run at once.
 *
 * <p><b>What it shows.</b> Virtual threads are cheap enough to start one per task, so there is no
 * pool to size: {@code Executors.newVirtualThreadPerTaskExecutor()} (here its named twin
 * {@code newThreadPerTaskExecutor(Thread.ofVirtual().name(...).factory())}, so the threads show up
 * with a name). Work starts as soon as the walk finds a file. When a virtual thread blocks on I/O or
 * a child process, its carrier thread runs another one, so thousands of blocking tasks need only a
 * few OS threads. Results come back in the walk's order.
 *
 * <p><b>The limit.</b> To bound concurrency you don't size a pool; you make tasks take a permit.
 * {@code ScanOptions.workers} is that limit ({@code --workers 8}: at most 8 files at once);
 * {@link #withoutLimit()} (limit 0) lets every file run at once, which is right for pure waiting
 * and wrong for files that each need memory, a file handle or a child process.
 *
 * <p><b>What it costs.</b> Nothing for CPU-bound work: virtual threads run on a pool of about one
 * carrier per core, so they are not faster than platform threads there. Unlimited, a big library
 * means as many open files and child processes as files.
 *
 * <p><b>When to choose it.</b> Many blocking tasks: network calls, external programs, slow disks.
 */
public final class VirtualThreadScanner implements LibraryScanner {

    public static final String WORKER_NAME = "virtual-worker-";

    private final ScanOptions options;
    private final int limit;

    public VirtualThreadScanner(ScanOptions options) {
        this(options, options.workers());
    }

    private VirtualThreadScanner(ScanOptions options, int limit) {
        this.options = options;
        this.limit = limit;
    }

    /** The same scanner with no limit: a virtual thread per file, all running at once. */
    public VirtualThreadScanner withoutLimit() {
        return new VirtualThreadScanner(options, 0);
    }

    /** At most this many files at once; 0 means no limit. */
    public int limit() {
        return limit;
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        Semaphore permits = limit == 0 ? null : new Semaphore(limit);
        List<Future<FileResult>> futures = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil());
             ExecutorService threadPerFile = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(WORKER_NAME, 0).factory())) {
            try {
                ScanSkeleton.walk(root, listener,
                        file -> futures.add(threadPerFile.submit(() -> processWithPermit(permits, workload, file, listener))));
                return ScanSkeleton.valuesOf(futures);
            } finally {
                // close() waits for every thread; when interrupted, interrupt them so they end soon.
                threadPerFile.shutdownNow();
            }
        }
    }

    private static FileResult processWithPermit(Semaphore permits, Workload workload, Path file, ScanListener listener)
            throws InterruptedException {
        if (permits == null) {
            return ScanSkeleton.processAndReport(workload, file, listener);
        }
        permits.acquire();
        try {
            return ScanSkeleton.processAndReport(workload, file, listener);
        } finally {
            permits.release();
        }
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload external --strategy virtual --workers 8
     * or in a cell:
     *   new VirtualThreadScanner(ScanOptions.workers(8)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (external: virtual threads waiting on child processes).
     */
}
