package parallellab.measure;

/**
 * Times a block of work the way the Unix {@code time} command does: real, user, sys, and the CPU
 * time of child processes reaped meanwhile.
 *
 * <p>CPU times come from {@code getrusage(2)} (microseconds) when JNA loads, else from /proc (clock
 * ticks), else from the OperatingSystemMXBean; {@link ProcessUsage#sourceName()} says which. One
 * measured block costs two readings, a few microseconds. User and sys count every thread of the JVM,
 * including the JIT compiler and the garbage collector: that is the honest price of the block.
 */
public final class Measure {

    private Measure() {}

    /** A value and how long it took to make. */
    public record Measured<T>(T value, Timing timing) {}

    /**
     * A block of work that returns a value. It may wait, so it may be interrupted; any other failure
     * is unchecked, so a caller handles only the interrupt.
     */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws InterruptedException;
    }

    /** Times a block that returns a value, for example a scan's results. */
    public static <T> Measured<T> time(Work<T> work) throws InterruptedException {
        ProcessUsage before = ProcessUsage.now();
        long t0 = System.nanoTime();
        T value = work.call();
        long t1 = System.nanoTime();
        ProcessUsage after = ProcessUsage.now();
        return new Measured<>(value, Timing.between(before, after, (t1 - t0) / 1e9));
    }

    /** Times a block that returns nothing and throws no checked exception. */
    public static Timing time(Runnable work) {
        try (Stopwatch stopwatch = Stopwatch.start()) {
            work.run();
            return stopwatch.stop();
        }
    }
}
