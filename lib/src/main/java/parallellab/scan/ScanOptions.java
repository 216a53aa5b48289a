package parallellab.scan;

import parallellab.pool.ProcessPool;

/**
 * How a strategy is set up: how many workers, whether the simulated GIL is on, and the process
 * pool's chunk size (0 picks CPython's default, ceil(n / (4 * workers))).
 */
public record ScanOptions(int workers, boolean gil, int chunksize) {

    public ScanOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 (got " + workers + ")");
        }
        if (chunksize < 0) {
            throw new IllegalArgumentException("chunksize must be at least 1 (got " + chunksize + ")");
        }
    }

    public static ScanOptions workers(int workers) {
        return new ScanOptions(workers, false, 0);
    }

    public ScanOptions withGil(boolean on) {
        return new ScanOptions(workers, on, chunksize);
    }

    public ScanOptions withChunksize(int k) {
        return new ScanOptions(workers, gil, k);
    }

    /** The chunk size for {@code files} files: the one set, or else the pool's default (CPython's rule). */
    public int chunksizeFor(int files) {
        return chunksize > 0 ? chunksize : ProcessPool.defaultChunksize(files, workers);
    }
}
