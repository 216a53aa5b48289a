package parallellab.scan;

import java.time.Duration;
import parallellab.pool.ProcessPool;
import parallellab.work.FileBudget;
import parallellab.work.Workload;

/**
 * How a strategy is set up: how many workers, whether the simulated GIL is on, the process
 * pool's chunk size (0 picks CPython's default, ceil(n / (4 * workers))), and the time budget per
 * file ({@code null}: none; see {@link FileBudget}), which {@link Strategies#create} applies to
 * whatever workload the scanner is given.
 */
public record ScanOptions(int workers, boolean gil, int chunksize, Duration fileTimeout) {

    public ScanOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 (got " + workers + ")");
        }
        if (chunksize < 0) {
            throw new IllegalArgumentException("chunksize must be at least 1 (got " + chunksize + ")");
        }
        if (fileTimeout != null && (fileTimeout.isNegative() || fileTimeout.isZero())) {
            throw new IllegalArgumentException("the file timeout must be more than 0 (got " + fileTimeout + ")");
        }
    }

    public ScanOptions(int workers, boolean gil, int chunksize) {
        this(workers, gil, chunksize, null);
    }

    public static ScanOptions workers(int workers) {
        return new ScanOptions(workers, false, 0);
    }

    public ScanOptions withGil(boolean on) {
        return new ScanOptions(workers, on, chunksize, fileTimeout);
    }

    public ScanOptions withChunksize(int k) {
        return new ScanOptions(workers, gil, k, fileTimeout);
    }

    /** Gives up on a file after {@code budget}: it fails with "gave up after ..." and the scan goes on. */
    public ScanOptions withFileTimeout(Duration budget) {
        return new ScanOptions(workers, gil, chunksize, budget);
    }

    /** {@code workload} with this budget per file, or as it is when there is none. */
    public Workload budgeted(Workload workload) {
        return fileTimeout == null ? workload : workload.withBudget(fileTimeout);
    }

    /** The chunk size for {@code files} files: the one set, or else the pool's default (CPython's rule). */
    public int chunksizeFor(int files) {
        return chunksize > 0 ? chunksize : ProcessPool.defaultChunksize(files, workers);
    }
}
