package parallellab.measure;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

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

    interface LibC extends Library {
        int getrusage(int who, RusageStruct usage);
    }

    /** {@code struct rusage}: two {@code struct timeval}s, then fourteen longs. */
    @Structure.FieldOrder({"utimeSec", "utimeUsec", "stimeSec", "stimeUsec", "maxrss", "ixrss", "idrss", "isrss",
            "minflt", "majflt", "nswap", "inblock", "oublock", "msgsnd", "msgrcv", "nsignals", "nvcsw", "nivcsw"})
    public static final class RusageStruct extends Structure {
        public NativeLong utimeSec;
        public NativeLong utimeUsec;
        public NativeLong stimeSec;
        public NativeLong stimeUsec;
        public NativeLong maxrss;
        public NativeLong ixrss;
        public NativeLong idrss;
        public NativeLong isrss;
        public NativeLong minflt;
        public NativeLong majflt;
        public NativeLong nswap;
        public NativeLong inblock;
        public NativeLong oublock;
        public NativeLong msgsnd;
        public NativeLong msgrcv;
        public NativeLong nsignals;
        public NativeLong nvcsw;
        public NativeLong nivcsw;
    }

    private final LibC libc;

    private Rusage(LibC libc) {
        this.libc = libc;
    }

    /** Loads libc and makes one call, so a broken binding fails here and not in a measured block. */
    static Rusage load() {
        Rusage rusage = new Rusage(Native.load(Platform.C_LIBRARY_NAME, LibC.class));
        rusage.read();
        return rusage;
    }

    @Override
    public String name() {
        return "getrusage";
    }

    @Override
    public ProcessUsage read() {
        RusageStruct self = call(RUSAGE_SELF);
        RusageStruct children = call(RUSAGE_CHILDREN);
        return new ProcessUsage(
                seconds(self.utimeSec, self.utimeUsec), seconds(self.stimeSec, self.stimeUsec),
                seconds(children.utimeSec, children.utimeUsec), seconds(children.stimeSec, children.stimeUsec),
                rssBytes(self.maxrss), rssBytes(children.maxrss), name());
    }

    private RusageStruct call(int who) {
        RusageStruct usage = new RusageStruct();
        if (libc.getrusage(who, usage) != 0) {
            throw new IllegalStateException("getrusage failed: errno " + Native.getLastError());
        }
        return usage;
    }

    private static double seconds(NativeLong sec, NativeLong usec) {
        long micros = Platform.isMac() ? (int) usec.longValue() : usec.longValue();
        return sec.longValue() + micros / 1e6;
    }

    private static long rssBytes(NativeLong maxrss) {
        return Platform.isMac() ? maxrss.longValue() : maxrss.longValue() * 1024;
    }
}
