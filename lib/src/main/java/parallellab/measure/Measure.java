package parallellab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Times a block of work the way the Unix {@code time} command does: real, user, sys, and the CPU
 * time of child processes reaped meanwhile.
 *
 * <p>STUB read from /proc at clock-tick resolution; the measurement issue replaces it with
 * getrusage(2) through JNA for microseconds and peak RSS.
 */
public final class Measure {

    private Measure() {}

    /** A value and how long it took to make. */
    public record Measured<T>(T value, Timing timing) {}

    public static <T> Measured<T> time(Callable<T> work) throws Exception {
        ProcStat before = ProcStat.read();
        long t0 = System.nanoTime();
        T value = work.call();
        long t1 = System.nanoTime();
        ProcStat after = ProcStat.read();
        Timing timing = new Timing((t1 - t0) / 1e9,
                after.user - before.user, after.sys - before.sys,
                after.childUser - before.childUser, after.childSys - before.childSys,
                after.peakRss, 0);
        return new Measured<>(value, timing);
    }

    private record ProcStat(double user, double sys, double childUser, double childSys, long peakRss) {
        static final double TICK = 100.0;

        static ProcStat read() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long hwm = 0;
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        hwm = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
                return new ProcStat(Long.parseLong(f[11]) / TICK, Long.parseLong(f[12]) / TICK,
                        Long.parseLong(f[13]) / TICK, Long.parseLong(f[14]) / TICK, hwm);
            } catch (IOException | RuntimeException e) {
                return new ProcStat(0, 0, 0, 0, 0);
            }
        }
    }
}
