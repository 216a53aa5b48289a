package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parallellab.pool.Outcome;
import parallellab.pool.ProcessPool;
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
 * ({@link WorkloadTask} calls {@link ScanSkeleton#process}), so a workload that throws fails its own
 * file only; a worker that dies fails every file
 * not yet done with the pool's reason (which names the worker and its exit code). The pool is
 * always terminated before {@code scan} returns.
 */
public final class ProcessPoolScanner implements LibraryScanner {

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
        try (ProcessPool pool = ProcessPool.create(options.workers())) {
            pool.imapUnordered(new WorkloadTask(workload), paths, options.chunksizeFor(paths.size()), outcome -> {
                FileResult result = switch (outcome) {
                    case Outcome.Done<FileResult> done -> done.value();
                    case Outcome.Failed<FileResult> failed -> new FileResult.Failed(paths.get(failed.index()), failed.error().getMessage());
                };
                results[outcome.index()] = result;
                ScanSkeleton.report(listener, result);
            });
            // A graceful exit lets the parent reap the workers, so `time` counts their CPU as ours.
            pool.shutdown();
            pool.join();
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy process-pool --workers 2
     * or in a cell:
     *   new ProcessPoolScanner(ScanOptions.workers(2)).scan(Lab.library(), new AnalyzeWorkload(3))
     * (--chunksize K to see what a chunk costs).
     */
}
