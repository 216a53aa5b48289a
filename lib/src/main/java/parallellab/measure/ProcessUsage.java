package parallellab.measure;

/**
 * The resources this process has used since it started, read at one instant: CPU time of its own
 * threads, CPU time of the child processes it has reaped, and peak resident memory.
 *
 * <p>A block's CPU time is the difference of two readings. Peak RSS is a high-water mark for the
 * whole life of the process, not for the block: a difference of two peaks means nothing, so
 * {@link Timing} reports the peak as read at the end.
 *
 * @param source where the figures came from: {@code getrusage}, {@code /proc} or {@code MXBean}
 */
public record ProcessUsage(
        double userSeconds,
        double sysSeconds,
        double childUserSeconds,
        double childSysSeconds,
        long peakRssBytes,
        long childPeakRssBytes,
        String source) {

    /** Reads the usage now, from the best source this platform offers. */
    public static ProcessUsage now() {
        return UsageSources.BEST.read();
    }

    /** The name of the source {@link #now()} reads from on this machine. */
    public static String sourceName() {
        return UsageSources.BEST.name();
    }
}
