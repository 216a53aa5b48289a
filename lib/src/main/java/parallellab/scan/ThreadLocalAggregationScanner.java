package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Threads that keep their own results: no result queue, one list per worker, merged at the end.
 *
 * <p><b>What it shows.</b> Each worker appends to a plain {@code ArrayList} that only it touches
 * (confined to its thread, so no lock and no {@code ThreadLocal} are needed). When the walk is done
 * the producer puts one "no more files" pill per worker; each worker stops at its pill; the caller
 * joins the threads and only then reads their lists. {@code Thread.join()} is what makes the
 * workers' writes visible to the caller (a happens-before edge), so the merge needs no locking.
 *
 * <p><b>What it costs.</b> Nothing shared is written during the scan, so there is no contention on
 * a result queue; but results are only seen at the end, and in per-worker order.
 *
 * <p><b>When to choose it.</b> When workers produce many small results (counts, histograms) that
 * are cheaper to merge once than to hand over one by one: the idea behind
 * {@code Collectors.groupingByConcurrent} and map-reduce.
 */
public final class ThreadLocalAggregationScanner implements LibraryScanner {

    public static final String WORKER_NAME = "thread-local-worker-";

    /** The poison pill; compared by identity, so no real file can be mistaken for it. */
    private static final Path NO_MORE_FILES = Path.of("no more files");

    private final ScanOptions options;

    public ThreadLocalAggregationScanner(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "thread-local";
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        BlockingQueue<Path> files = new LinkedBlockingQueue<>();
        List<List<FileResult>> resultsPerWorker = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil())) {
            for (int i = 0; i < options.workers(); i++) {
                List<FileResult> mine = new ArrayList<>();
                resultsPerWorker.add(mine);
                Thread worker = new Thread(() -> work(files, mine, workload, listener), WORKER_NAME + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            ScanSkeleton.walk(root, listener, files::put);
            for (int i = 0; i < workers.size(); i++) {
                files.put(NO_MORE_FILES);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            ScanSkeleton.stop(workers);
        }
        List<FileResult> merged = new ArrayList<>();
        resultsPerWorker.forEach(merged::addAll);
        return merged;
    }

    private static void work(BlockingQueue<Path> files, List<FileResult> mine, Workload workload, ScanListener listener) {
        try {
            for (Path file = files.take(); file != NO_MORE_FILES; file = files.take()) {
                mine.add(ScanSkeleton.processAndReport(workload, file, listener));
            }
        } catch (InterruptedException stopped) {
            // The scan was cut short; the caller discards the partial lists.
        }
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy thread-local --workers 2
     * or in a cell:
     *   new ThreadLocalAggregationScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (results arrive only at the end).
     */
}
