package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * The modern Java way to run tasks on N threads: a fixed pool and {@code invokeAll}.
 *
 * <p><b>What it shows.</b> Everything {@link QueueThreadScanner} writes by hand comes with the JDK:
 * the pool's own queue replaces the input queue, each task's {@code Future} replaces the result
 * queue, {@code invokeAll} replaces {@code join()}, and closing the pool (try-with-resources, JDK 19+)
 * ends the threads. The files are walked first, then handed out as one list of tasks, and the
 * results come back in the walk's order.
 *
 * <p><b>As they complete.</b> {@link #withCompletionService()} hands each file to the pool as soon as
 * the walk finds it, through an {@link ExecutorCompletionService}, and takes the results in the
 * order they finish: work starts during the walk, and a caller can show progress. That is
 * {@code imap_unordered} to {@code invokeAll}'s {@code map}.
 *
 * <p><b>What it costs.</b> The same as the queue of threads (the GIL, when on, serialises the Java
 * code), with less code to get wrong. Walking first means no work starts until the walk is over,
 * which is fine when walking is quick next to the work.
 *
 * <p><b>When to choose it.</b> By default, for a fixed number of platform threads: I/O-bound work,
 * external programs, or CPU-bound work sized to the cores.
 */
public final class ExecutorScanner implements LibraryScanner {

    public static final String WORKER_NAME = "executor-worker-";

    private final ScanOptions options;
    private final boolean asCompleted;

    public ExecutorScanner(ScanOptions options) {
        this(options, false);
    }

    private ExecutorScanner(ScanOptions options, boolean asCompleted) {
        this.options = options;
        this.asCompleted = asCompleted;
    }

    /** The same pool fed during the walk, its results taken as they complete (not in the walk's order). */
    public ExecutorScanner withCompletionService() {
        return new ExecutorScanner(options, true);
    }

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public boolean ordered() {
        return !asCompleted;
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        try (Gil gil = Gil.activateIf(options.gil());
             ExecutorService pool = Executors.newFixedThreadPool(options.workers(),
                     Thread.ofPlatform().name(WORKER_NAME, 0).daemon(true).factory())) {
            try {
                return asCompleted ? asTheyComplete(pool, root, workload, listener) : allAtOnce(pool, root, workload, listener);
            } finally {
                // close() waits for every queued task; when interrupted we want only the running ones.
                pool.shutdownNow();
            }
        }
    }

    private static List<FileResult> allAtOnce(ExecutorService pool, Path root, Workload workload, ScanListener listener)
            throws InterruptedException {
        List<Callable<FileResult>> tasks = ScanSkeleton.list(root, listener).stream()
                .<Callable<FileResult>>map(file -> () -> ScanSkeleton.processAndReport(workload, file, listener))
                .toList();
        return ScanSkeleton.valuesOf(pool.invokeAll(tasks));
    }

    private static List<FileResult> asTheyComplete(ExecutorService pool, Path root, Workload workload, ScanListener listener)
            throws InterruptedException {
        CompletionService<FileResult> done = new ExecutorCompletionService<>(pool);
        int submitted = ScanSkeleton.walk(root, listener, file -> done.submit(() -> ScanSkeleton.processAndReport(workload, file, listener)));
        List<FileResult> results = new ArrayList<>(submitted);
        for (int i = 0; i < submitted; i++) {
            results.add(ScanSkeleton.valueOf(done.take()));
        }
        return results;
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy executor --workers 2
     * or in a cell:
     *   new ExecutorScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (withCompletionService() for results as they complete).
     */
}
