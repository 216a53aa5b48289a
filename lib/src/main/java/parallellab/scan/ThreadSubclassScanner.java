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
 * The same queue of threads, with each worker written as a {@code Thread} subclass.
 *
 * <p><b>What it shows.</b> The post's variant {@code class TagWorker(Thread)} with a {@code run()}
 * method: the worker's queues and workload become fields instead of captured variables. It behaves
 * exactly like {@link QueueThreadScanner}, including how the workers are released at the end.
 *
 * <p><b>What it costs.</b> Nothing at run time; in code, it ties the task to the thread that runs it,
 * so the work cannot move to a pool or to virtual threads without a rewrite.
 *
 * <p><b>When to choose it.</b> Rarely: prefer a {@code Runnable} handed to a thread or an executor
 * ("favour composition"). It is here because older code, and the post, look like this.
 */
public final class ThreadSubclassScanner implements LibraryScanner {

    public static final String WORKER_NAME = "thread-subclass-worker-";

    private final ScanOptions options;

    public ThreadSubclassScanner(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "thread-subclass";
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        JoinableQueue<Path> files = new JoinableQueue<>();
        BlockingQueue<FileResult> results = new LinkedBlockingQueue<>();
        List<TagWorker> workers = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil())) {
            for (int i = 0; i < options.workers(); i++) {
                TagWorker worker = new TagWorker(i, files, results, workload, listener);
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

    /** One worker: takes files until it is interrupted. */
    static final class TagWorker extends Thread {
        private final JoinableQueue<Path> files;
        private final BlockingQueue<FileResult> results;
        private final Workload workload;
        private final ScanListener listener;

        TagWorker(int index, JoinableQueue<Path> files, BlockingQueue<FileResult> results, Workload workload, ScanListener listener) {
            super(WORKER_NAME + index);
            setDaemon(true);
            this.files = files;
            this.results = results;
            this.workload = workload;
            this.listener = listener;
        }

        @Override
        public void run() {
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
                // The scanner is done with this worker.
            }
        }
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy thread-subclass --workers 2
     * or in a cell:
     *   new ThreadSubclassScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (same results as queue-threads).
     */
}
