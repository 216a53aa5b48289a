package parallellab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory lines of a process's {@code /proc/<pid>/status} (Linux), read in one go, in KiB.
 *
 * <p>{@code VmRSS} is what the process holds now, {@code VmHWM} its own peak since it started, and
 * {@code VmSize} its virtual size. A line that is missing (a kernel thread has none) reads as 0.
 */
public record ProcStatus(long vmSizeKib, long vmRssKib, long vmHwmKib) {

    /**
     * Reads {@code /proc/<procEntry>/status}, where {@code procEntry} is {@code self} or a process id;
     * fails where the process has ended or there is no /proc.
     */
    public static ProcStatus of(String procEntry) throws IOException {
        long size = 0;
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", procEntry, "status"))) {
            if (line.startsWith("VmSize:")) {
                size = kib(line);
            } else if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new ProcStatus(size, rss, hwm);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("\\D", ""));
    }
}
