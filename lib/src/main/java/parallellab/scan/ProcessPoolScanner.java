package parallellab.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parallellab.pool.Outcome;
import parallellab.pool.ProcessPool;
import parallellab.pool.WorkerStats;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Scans with a {@link ProcessPool}: the walk happens here, the workload runs in worker JVMs.
 *
 * <p>What it shows: the post's {@code multiprocessing.Pool} version. Each worker is a separate
 * process with its own heap, so nothing is shared and no lock (no GIL: the {@code gil} option is
 * ignored here, processes escape it) holds the workers back; every core can be busy. What it costs:
 * starting the JVMs (a few tenths of a second each, in parallel), sending paths and results through
 * pipes, and the memory of N JVMs. Choose it for CPU-bound workloads on big libraries; for a handful
 * of files or I/O-bound work, threads start faster.
 *
 * <p>Progress comes from {@code imapUnordered} as chunks complete; the results are then put back in
 * walk order. In the workers each file goes through the same per-file step as in every scanner
 * ({@link WorkloadTask.Timed} calls {@link ScanSkeleton#timed}), so a workload that throws fails its
 * own file only, and each result comes back beside its span on the worker timeline, named after the
 * worker's pid. A worker that dies fails every file not yet done with the pool's reason (which names
 * the worker and its exit code). The pool is always terminated before {@code scan} returns.
 *
 * <p>With a time budget per file ({@link FileBudget}, from {@code --file-timeout} or
 * {@link ScanOptions#withFileTimeout}), the pool also gets a task timeout for each chunk: the
 * budget plus a second's grace for each of its files, plus {@link #CHUNK_SLACK}. Inside the worker
 * the budget fails a stuck file and the worker is replaced after its chunk (the threads it could
 * not stop are added to the caller's budget, {@link FileBudget#addAbandoned}); should the worker itself
 * stop answering, the task timeout kills it, fails that chunk's files and the scan goes on.
 */
public final class ProcessPoolScanner implements LibraryScanner {

    /** Time a chunk may take beyond its files' budgets: loading classes, a slow disk, a busy machine. */
    static final Duration CHUNK_SLACK = Duration.ofSeconds(10);

    private final ScanOptions options;

    public ProcessPoolScanner(ScanOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "process-pool";
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        List<Path> files = ScanSkeleton.list(root, listener);
        List<String> paths = files.stream().map(file -> file.toAbsolutePath().toString()).toList();
        FileResult[] results = new FileResult[paths.size()];
        Workload work = options.budgeted(workload);
        int chunksize = options.chunksizeFor(paths.size());
        try (ProcessPool pool = ProcessPool.builder(options.workers()).taskTimeout(chunkTimeout(work, chunksize)).build()) {
            pool.imapUnordered(new WorkloadTask(work).timed(), paths, chunksize, outcome -> {
                switch (outcome) {
                    case Outcome.Done<Processed> done -> {
                        results[outcome.index()] = done.value().result();
                        ScanSkeleton.report(listener, done.value());
                    }
                    case Outcome.Failed<Processed> failed -> {
                        // the file never finished in a worker (it died or timed out): no span to draw
                        results[outcome.index()] = new FileResult.Failed(paths.get(failed.index()), failed.error().getMessage());
                        ScanSkeleton.report(listener, results[outcome.index()]);
                    }
                }
            });
            // A graceful exit lets the parent reap the workers, so `time` counts their CPU as ours.
            pool.shutdown();
            pool.join();
            countThreadsLeftBehind(pool, workload, work);
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /** Threads the workers' budgets abandoned, added to the budget the caller holds, for its summary line. */
    private static void countThreadsLeftBehind(ProcessPool pool, Workload given, Workload work) {
        int threads = pool.workerStats().stream().mapToInt(WorkerStats::threadsLeftBehind).sum();
        if (given instanceof FileBudget budget) {
            budget.addAbandoned(threads);
        }
        if (work != given && work instanceof FileBudget budget) {
            budget.addAbandoned(threads);
        }
    }

    /** The pool's task timeout for a chunk of {@code chunksize} files; null (none) without a file budget. */
    static Duration chunkTimeout(Workload work, int chunksize) {
        if (!(work instanceof FileBudget budget)) {
            return null;
        }
        return budget.budget().plusSeconds(1).multipliedBy(chunksize).plus(CHUNK_SLACK);
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy process-pool --workers 2
     * or in a cell:
     *   new ProcessPoolScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (--chunksize K to see what a chunk costs).
     */
}
