package parallellab.measure;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code getrusage(2)} through JNA: the call the shell's {@code time} makes, with microsecond CPU
 * times for this process ({@code RUSAGE_SELF}) and for its reaped children ({@code RUSAGE_CHILDREN}).
 *
 * <p>Why not /proc: it counts in clock ticks (10 ms), too coarse for short blocks. Platform details
 * live here: {@code ru_maxrss} is KiB on Linux but bytes on macOS, and {@code tv_usec} is an
 * {@code int} padded to 8 bytes on 64-bit macOS, a {@code long} on Linux.
 */
final class Rusage implements UsageSource {

    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_CHILDREN = -1;

    /** {@code struct rusage} as 18 longs: two {@code struct timeval}s (seconds, microseconds), then fourteen longs. */
    private static final int FIELDS = 18;
    private static final int UTIME_SEC = 0;
    private static final int UTIME_USEC = 1;
    private static final int STIME_SEC = 2;
    private static final int STIME_USEC = 3;
    private static final int MAXRSS = 4;

    /**
     * JNA's direct mapping: a native method bound once, called like any static method. About a
     * microsecond a call, where an interface proxy with a {@code Structure} (filled by reflection)
     * costs a hundred times more, and every notebook cell is timed twice.
     */
    private static final class LibC {
        static native int getrusage(int who, long[] usage);
    }

    private Rusage() {}

    /**
     * Binds libc and makes one call, so a broken binding fails here and not in a measured block.
     * The 18-long layout holds where a C {@code long} has 64 bits; elsewhere this fails, and the
     * measurements fall back to /proc.
     */
    static Rusage load() {
        if (Native.LONG_SIZE != Long.BYTES) {
            throw new UnsupportedOperationException("getrusage is read as 64-bit longs; this platform's long has " + Native.LONG_SIZE + " bytes");
        }
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
        Rusage rusage = new Rusage();
        rusage.read();
        return rusage;
    }

    @Override
    public String name() {
        return "getrusage";
    }

    @Override
    public ProcessUsage read() {
        long[] self = call(RUSAGE_SELF);
        long[] children = call(RUSAGE_CHILDREN);
        return new ProcessUsage(
                seconds(self[UTIME_SEC], self[UTIME_USEC]), seconds(self[STIME_SEC], self[STIME_USEC]),
                seconds(children[UTIME_SEC], children[UTIME_USEC]), seconds(children[STIME_SEC], children[STIME_USEC]),
                rssBytes(self[MAXRSS]), rssBytes(children[MAXRSS]), name());
    }

    private static long[] call(int who) {
        long[] usage = new long[FIELDS];
        if (LibC.getrusage(who, usage) != 0) {
            throw new IllegalStateException("getrusage failed");
        }
        return usage;
    }

    private static double seconds(long sec, long usec) {
        long micros = Platform.isMac() ? (int) usec : usec;
        return sec + micros / 1e6;
    }

    private static long rssBytes(long maxrss) {
        return Platform.isMac() ? maxrss : maxrss * 1024;
    }
}
