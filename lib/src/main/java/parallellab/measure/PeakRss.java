package parallellab.measure;

import java.io.IOException;
import java.time.Duration;

/**
 * The peak resident memory of this JVM plus the processes it started (worker JVMs), sampled while
 * a block runs: {@code try (PeakRss peak = PeakRss.sample()) { scan(); return peak.mib(); }}.
 *
 * <p>Why sample: the kernel's own high-water mark (VmHWM) covers the JVM's whole life, so the
 * second scan of a lesson could never show less than the first; and a worker's memory is gone
 * from /proc once it exits. The cost is a reading of /proc every few milliseconds, and a peak
 * shorter than the interval can slip between two readings.
 *
 * <p>The sampler is a daemon thread owned by this object; {@link #close()} stops and joins it.
 */
public final class PeakRss implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(10);

    private final Thread sampler;
    private final Object lock = new Object();
    private double peakMib; // guarded by lock
    private volatile boolean running = true;

    private PeakRss() {
        read();
        sampler = Thread.ofPlatform().daemon().name("peak-rss-sampler").start(this::sampleUntilClosed);
    }

    /** Starts sampling now. */
    public static PeakRss sample() {
        return new PeakRss();
    }

    /** A process's resident memory now (VmRSS), in MiB; 0 once it has ended, or where there is no /proc. */
    public static double currentMib(long pid) {
        return status(pid).vmRssKib() / 1024.0;
    }

    /**
     * A process's own high-water mark (VmHWM), in MiB: the peak of its memory since it started.
     * Unlike {@code getrusage}'s {@code ru_maxrss}, it is not inherited: Linux carries ru_maxrss
     * across exec, and Java starts a child while it still shares the parent's memory
     * ({@code posix_spawn}), so a child of a 900 MB JVM reads ru_maxrss ≥ 900 MB at its first instruction.
     */
    public static double highWaterMib(long pid) {
        return status(pid).vmHwmKib() / 1024.0;
    }

    private static ProcStatus status(long pid) {
        try {
            return ProcStatus.of(String.valueOf(pid));
        } catch (IOException | RuntimeException e) {
            // The process ended, or this is not Linux.
            return new ProcStatus(0, 0, 0);
        }
    }

    /** The highest reading so far, in MiB. */
    public double mib() {
        synchronized (lock) {
            return peakMib;
        }
    }

    private void sampleUntilClosed() {
        while (running) {
            read();
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read() {
        ProcessHandle self = ProcessHandle.current();
        ProcStatus own = status(self.pid());
        long totalKib = own.vmRssKib() + self.descendants().map(child -> status(child.pid()))
                // A child caught between spawn and exec still shares this JVM's memory (same VmSize): counting it would count us twice.
                .filter(child -> child.vmSizeKib() != own.vmSizeKib())
                .mapToLong(ProcStatus::vmRssKib).sum();
        double total = totalKib / 1024.0;
        synchronized (lock) {
            peakMib = Math.max(peakMib, total);
        }
    }

    /** Takes a last reading and stops the sampler thread; closing again does nothing. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        read();
    }
}
