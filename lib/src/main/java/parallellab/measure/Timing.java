package parallellab.measure;

import java.io.Serializable;

/**
 * What the Unix {@code time} command reports for a block of work, and a bit more.
 *
 * <p>{@code real} is wall-clock time; {@code user} and {@code sys} are CPU time of this JVM (all its
 * threads) in user and kernel mode; the {@code child} figures count the child processes that were
 * reaped during the block (worker JVMs, ffprobe). {@link #coresUsed()} is (user + sys) / real, the
 * post's rule of thumb for how many cores the work kept busy.
 */
public record Timing(
        double realSeconds,
        double userSeconds,
        double sysSeconds,
        double childUserSeconds,
        double childSysSeconds,
        long peakRssBytes,
        long childPeakRssBytes) implements Serializable {

    /** All CPU time, this JVM's and its reaped children's. */
    public double cpuSeconds() {
        return userSeconds + sysSeconds + childUserSeconds + childSysSeconds;
    }

    /** User time of this JVM and its children, as {@code time} prints it. */
    public double totalUserSeconds() {
        return userSeconds + childUserSeconds;
    }

    /** Sys time of this JVM and its children, as {@code time} prints it. */
    public double totalSysSeconds() {
        return sysSeconds + childSysSeconds;
    }

    /** (user + sys) / real: about 1 for one busy core, 2 for two, near 0 for waiting. */
    public double coresUsed() {
        return realSeconds > 0 ? cpuSeconds() / realSeconds : 0;
    }

    /** One line in the shape of the shell's {@code time}. */
    public String summary() {
        return String.format("real %.3fs  user %.3fs  sys %.3fs  cpu/real %.2f", realSeconds, totalUserSeconds(), totalSysSeconds(), coresUsed());
    }
}
