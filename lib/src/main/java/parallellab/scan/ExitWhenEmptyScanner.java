package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * FLAWED ON PURPOSE: workers that quit when the queue looks empty. It loses files.
 *
 * <p><b>What it shows.</b> A tempting way to end workers without a join or a pill: each worker
 * loops on {@code poll()} and quits when it returns null. But "the queue is empty right now" is not
 * "there is no more work": the producer is still walking the folder. A worker that polls before the
 * next file is put quits early, and a file put after the last worker quit is never processed. The
 * scan then returns fewer results than {@link SequentialScanner}, silently. On a real library the
 * first poll usually beats the walk, so most runs lose many files; how many changes from run to run.
 * {@code parallellab.lessons.ExitWhenEmptyRace} forces the bad interleavings with latches, through
 * the queue this scanner polls, so that the loss is shown every time, not just often.
 *
 * <p><b>What it costs.</b> Correctness. The fix is to say "no more work" explicitly: a join on the
 * queue ({@link QueueThreadScanner}), one pill per worker ({@link ThreadLocalAggregationScanner}),
 * or an executor that is shut down ({@link ExecutorScanner}).
 *
 * <p><b>When to choose it.</b> Never, except to see the race. It stays in the library, named for
 * what it does wrong, with the test that proves the flaw.
 */
public final class ExitWhenEmptyScanner implements LibraryScanner {

    public static final String WORKER_NAME = "exit-when-empty-worker-";

    private final ScanOptions options;
    private final Supplier<BlockingQueue<Path>> newQueue;

    public ExitWhenEmptyScanner(ScanOptions options) {
        this(options, LinkedBlockingQueue::new);
    }

    /**
     * The same scanner with the queue of files made by {@code newQueue}: the seam through which a
     * harness can pause a worker at the racy moment.
     */
    public ExitWhenEmptyScanner(ScanOptions options, Supplier<BlockingQueue<Path>> newQueue) {
        this.options = options;
        this.newQueue = newQueue;
    }

    @Override
    public String name() {
        return "exit-when-empty";
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        BlockingQueue<Path> files = newQueue.get();
        Queue<FileResult> results = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil())) {
            for (int i = 0; i < options.workers(); i++) {
                Thread worker = new Thread(() -> work(files, results, workload, listener), WORKER_NAME + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            ScanSkeleton.walk(root, listener, files::put);
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            ScanSkeleton.stop(workers);
        }
        return new ArrayList<>(results);
    }

    private static void work(BlockingQueue<Path> files, Queue<FileResult> results, Workload workload, ScanListener listener) {
        while (true) {
            Path file = files.poll();
            if (file == null) {
                return; // THE FLAW: empty now does not mean no more files are coming.
            }
            results.add(ScanSkeleton.processAndReport(workload, file, listener));
        }
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload tags --strategy exit-when-empty --workers 2
     * and compare the file count with --strategy queue-threads; run it a few times. In a cell, the
     * race forced every time: ExitWhenEmptyRace.demonstrate(Lab.library(), new TagsWorkload(), 2)
     */
}
