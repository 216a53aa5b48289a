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
 * Threads fed by a queue: the Python post's example, ported line for line.
 *
 * <p><b>What it shows.</b> The calling thread is the producer: it walks the folder and puts each file
 * on a {@link JoinableQueue} as soon as it is found. N daemon worker threads loop forever on
 * {@code take()}, process the file, put the result on a second queue and call {@code taskDone()}.
 * The caller waits on {@code join()} until every file put has been marked done, then reads the
 * result queue. Results come back in the order workers finish, not the walk's.
 *
 * <p><b>What it costs.</b> Threads share memory, so nothing is copied, and they start in
 * microseconds. But with the GIL on ({@code --gil}) only one runs Java code at a time: CPU-bound work
 * gets no faster, while file reads and external programs still overlap. Two queues and a
 * hand-written join are more moving parts than an executor (see {@link ExecutorScanner}).
 *
 * <p><b>When to choose it.</b> To see how a thread pool works inside, or for I/O-bound work where a
 * long-lived pool of workers pulls from a queue that a producer fills while it is still walking.
 *
 * <p><b>Releasing the workers.</b> In Python the workers stay blocked in {@code q.get()} after the
 * work is done; they are daemons, so they die with the interpreter. Here they stay blocked in
 * {@code take()} too, and being daemons they don't keep the JVM alive either. But a notebook kernel
 * lives on: every run would leave N more blocked threads behind. So once {@code join()} returns (or
 * the scan fails or is interrupted) the scanner interrupts each worker, which wakes it from
 * {@code take()} with an {@link InterruptedException} that ends its loop, and joins it before
 * returning. A poison pill (one "no more files" item per worker) would end them as well, but only
 * after the files still queued; the interrupt also stops a scan that is cut short.
 */
public final class QueueThreadScanner implements LibraryScanner {

    /** Worker threads are named {@code queue-threads-worker-0}, {@code -1}, ... in a thread dump. */
    public static final String WORKER_NAME = "queue-threads-worker-";

    private final ScanOptions options;

    public QueueThreadScanner(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "queue-threads";
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        JoinableQueue<Path> files = new JoinableQueue<>();
        BlockingQueue<FileResult> results = new LinkedBlockingQueue<>();
        List<Thread> workers = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil())) {
            for (int i = 0; i < options.workers(); i++) {
                Thread worker = new Thread(() -> work(files, results, workload, listener), WORKER_NAME + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            ScanSkeleton.walk(root, listener, files::put);
            files.join();
        } finally {
            ScanSkeleton.stop(workers);
        }
        return new ArrayList<>(results);
    }

    /** The worker loop of the post: take, process, put the result, mark done, forever. */
    private static void work(JoinableQueue<Path> files, BlockingQueue<FileResult> results, Workload workload, ScanListener listener) {
        try {
            while (true) {
                Path file = files.take();
                try {
                    results.add(ScanSkeleton.processAndReport(workload, file, listener));
                } finally {
                    files.taskDone();
                }
            }
        } catch (InterruptedException released) {
            // The scanner is done with this worker (see "Releasing the workers" above).
        }
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy queue-threads --workers 2
     * or in a cell:
     *   new QueueThreadScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (add --gil to see CPU-bound work stop scaling).
     */
}
