package parallellab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU lines of a process's {@code /proc/<pid>/stat} (Linux), in seconds: its own user and
 * system time and those of the children it has reaped.
 *
 * <p>The kernel counts in clock ticks (100 a second on every mainstream Linux), so a block shorter
 * than 10 ms reads as 0; {@link Rusage} is the precise source where it loads.
 */
public record ProcStat(double userSeconds, double sysSeconds, double childUserSeconds, double childSysSeconds) {

    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * Reads {@code /proc/<procEntry>/stat}, where {@code procEntry} is {@code self} or a process id;
     * fails where the process has ended or there is no /proc.
     */
    public static ProcStat of(String procEntry) throws IOException {
        String stat = Files.readString(Path.of("/proc", procEntry, "stat"));
        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcStat(ticks(f[11]), ticks(f[12]), ticks(f[13]), ticks(f[14]));
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }
}
