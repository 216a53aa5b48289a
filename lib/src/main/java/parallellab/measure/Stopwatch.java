package parallellab.measure;

/**
 * Measures the code inside a try-with-resources block, for code that does not fit in a lambda:
 *
 * <pre>{@code
 * try (Stopwatch watch = Stopwatch.start()) {
 *     scanner.scan(root, workload);
 *     System.out.println(watch.stop());   // real / user / sys, as the shell's time prints
 * }
 * }</pre>
 *
 * <p>{@link #stop()} may be called once; {@link #close()} stops the watch if nobody did, so an
 * exception in the block still ends it. Not thread-safe: one watch belongs to one block.
 */
public final class Stopwatch implements AutoCloseable {

    private final ProcessUsage before;
    private final long startNanos;
    private Timing timing;

    private Stopwatch() {
        this.before = ProcessUsage.now();
        this.startNanos = System.nanoTime();
    }

    public static Stopwatch start() {
        return new Stopwatch();
    }

    /** Stops the watch (the first call) and returns the block's timing. */
    public Timing stop() {
        if (timing == null) {
            long end = System.nanoTime();
            timing = Timing.between(before, ProcessUsage.now(), (end - startNanos) / 1e9);
        }
        return timing;
    }

    /** The timing so far if still running, or the final one once stopped. */
    public Timing elapsed() {
        return timing != null ? timing : Timing.between(before, ProcessUsage.now(), (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void close() {
        stop();
    }
}
