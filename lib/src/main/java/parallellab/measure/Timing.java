package parallellab.measure;

import java.io.Serializable;

/**
 * What the Unix {@code time} command reports for a block of work, and a bit more.
 *
 * <p>{@code real} is wall-clock time; {@code user} and {@code sys} are CPU time of this JVM (all its
 * threads) in user and kernel mode; the {@code child} figures count the child processes that were
 * reaped during the block (worker JVMs, ffprobe). {@link #coresUsed()} is (user + sys) / real, the
 * post's rule of thumb for how many cores the work kept busy.
 *
 * <p>{@code remoteCpuSeconds} is CPU time that workers outside this process and its children spent
 * on the block (a Spark cluster's executors, on other JVMs or machines): no clock of this process
 * can see it, so the strategy reports it (see {@code ScanListener#remoteCpu}) and
 * {@link #withRemoteCpu} adds it. It counts in {@link #cpuSeconds()}, so cpu/real means on a
 * cluster what it means for the process pool.
 *
 * <p>The peak RSS figures are high-water marks for the whole life of the process (and of its
 * largest reaped child), not for the block: memory cannot be attributed to a block after the fact.
 * Both come from {@code getrusage}'s {@code ru_maxrss}, which Linux carries across exec: a process
 * that Java started reads at least its parent's RSS at that moment (the JVM spawns with
 * {@code posix_spawn}, sharing its memory until the exec). So {@code childPeakRssBytes} says little
 * about workers started by a big JVM; {@link PeakRss} samples this JVM and its children while a
 * block runs, and {@link PeakRss#highWaterMib} reads one process's own high-water mark.
 */
public record Timing(
        double realSeconds,
        double userSeconds,
        double sysSeconds,
        double childUserSeconds,
        double childSysSeconds,
        long peakRssBytes,
        long childPeakRssBytes,
        double remoteCpuSeconds) implements Serializable {

    /** A block that ran in this process and its children only. */
    public Timing(double realSeconds, double userSeconds, double sysSeconds, double childUserSeconds, double childSysSeconds,
                  long peakRssBytes, long childPeakRssBytes) {
        this(realSeconds, userSeconds, sysSeconds, childUserSeconds, childSysSeconds, peakRssBytes, childPeakRssBytes, 0);
    }

    /** The same block, with {@code seconds} of CPU time that remote workers reported for it. */
    public Timing withRemoteCpu(double seconds) {
        return new Timing(realSeconds, userSeconds, sysSeconds, childUserSeconds, childSysSeconds, peakRssBytes, childPeakRssBytes,
                remoteCpuSeconds + seconds);
    }

    /** The block that ran between two readings of the process's usage, {@code realSeconds} apart. */
    public static Timing between(ProcessUsage before, ProcessUsage after, double realSeconds) {
        return new Timing(realSeconds,
                after.userSeconds() - before.userSeconds(), after.sysSeconds() - before.sysSeconds(),
                after.childUserSeconds() - before.childUserSeconds(), after.childSysSeconds() - before.childSysSeconds(),
                after.peakRssBytes(), after.childPeakRssBytes());
    }

    /** All CPU time: this JVM's, its reaped children's and remote workers'. */
    public double cpuSeconds() {
        return userSeconds + sysSeconds + childUserSeconds + childSysSeconds + remoteCpuSeconds;
    }

    /** This JVM's own CPU time (user + sys): on a cluster, the driver's. */
    public double ownCpuSeconds() {
        return userSeconds + sysSeconds;
    }

    /** CPU time of the workers: reaped child processes and remote workers (a cluster's executors). */
    public double workerCpuSeconds() {
        return childUserSeconds + childSysSeconds + remoteCpuSeconds;
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

    /**
     * Below this, cpu/real says more about the JVM's own threads (the JIT compiling in the
     * background) than about the block, so {@link #summary()} leaves it out.
     */
    public static final double SHORTEST_FOR_CPU_PER_REAL = 0.05;

    /** One line in the shape of the shell's {@code time}; cpu/real only for blocks long enough to tell. */
    public String summary() {
        String line = String.format("real %.3fs  user %.3fs  sys %.3fs", realSeconds, totalUserSeconds(), totalSysSeconds())
                + (remoteCpuSeconds > 0 ? String.format("  remote cpu %.3fs", remoteCpuSeconds) : "");
        return realSeconds < SHORTEST_FOR_CPU_PER_REAL ? line + "  (too short for cpu/real)"
                : line + String.format("  cpu/real %.2f", coresUsed());
    }

    /** The peak resident memory of this JVM, in MiB (a high-water mark for the process's life). */
    public double peakRssMiB() {
        return peakRssBytes / (1024.0 * 1024.0);
    }

    /** What bash's {@code time} prints, plus the children's share and the peak memory. */
    @Override
    public String toString() {
        return String.format("real\t%s%nuser\t%s%nsys\t%s%n(children: user %.3fs  sys %.3fs; cpu/real %.2f; peak RSS %.0f MiB)",
                bash(realSeconds), bash(totalUserSeconds()), bash(totalSysSeconds()),
                childUserSeconds, childSysSeconds, coresUsed(), peakRssMiB());
    }

    private static String bash(double seconds) {
        long minutes = (long) (seconds / 60);
        return String.format("%dm%.3fs", minutes, seconds - 60 * minutes);
    }
}
