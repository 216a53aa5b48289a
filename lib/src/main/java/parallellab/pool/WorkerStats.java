package parallellab.pool;

/**
 * What one worker JVM cost: its CPU time, its peak memory, the work it did.
 *
 * <p>Workers measure themselves ({@code /proc/self}) and send the figures with every batch and once
 * more as they exit, so the sum over {@link ProcessPool#workerStats()} is the child CPU time that
 * the shell's {@code time} adds to the parent's once the workers are reaped.
 *
 * @param workerId the pool's number for the slot (1..workers); a replaced worker keeps its slot
 * @param pid the operating-system process id; a new worker in the same slot has a new one
 * @param userSeconds CPU time in user mode, all threads of the worker JVM (JIT and GC included)
 * @param sysSeconds CPU time in kernel mode
 * @param peakRssBytes peak resident set size (VmHWM)
 * @param chunksDone batches run; {@code maxTasksPerChild} counts these, as CPython does
 * @param itemsDone arguments processed
 * @param alive false once the process has exited and been reaped
 * @param threadsLeftBehind threads a task left running in this worker because they would not stop
 *        ({@link Worker#retireAfterChunk(int)}): the parent's summary counts them with its own
 */
public record WorkerStats(int workerId, long pid, double userSeconds, double sysSeconds, long peakRssBytes,
                          int chunksDone, int itemsDone, boolean alive, int threadsLeftBehind) {

    public double cpuSeconds() {
        return userSeconds + sysSeconds;
    }

    WorkerStats withUsage(Wire.Usage usage) {
        return new WorkerStats(workerId, pid, usage.userSeconds(), usage.sysSeconds(), usage.peakRssBytes(), chunksDone, itemsDone, alive, threadsLeftBehind);
    }

    WorkerStats afterBatch(int items, int leftBehind) {
        return new WorkerStats(workerId, pid, userSeconds, sysSeconds, peakRssBytes, chunksDone + 1, itemsDone + items, alive,
                Math.max(threadsLeftBehind, leftBehind));
    }

    WorkerStats exited() {
        return new WorkerStats(workerId, pid, userSeconds, sysSeconds, peakRssBytes, chunksDone, itemsDone, false, threadsLeftBehind);
    }
}
