package parallellab.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Linux fallback when JNA cannot load: /proc/self/stat in clock ticks (usually 10 ms, so short
 * blocks read as 0) and the peak RSS from /proc/self/status. It knows no child peak RSS.
 */
final class ProcStatUsage implements UsageSource {

    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path STAT = Path.of("/proc/self/stat");

    static ProcStatUsage load() {
        ProcStatUsage usage = new ProcStatUsage();
        usage.read();
        return usage;
    }

    @Override
    public String name() {
        return "/proc";
    }

    @Override
    public ProcessUsage read() {
        try {
            String stat = Files.readString(STAT);
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long hwmKib = ProcStatus.of("self").vmHwmKib();
            return new ProcessUsage(ticks(f[11]), ticks(f[12]), ticks(f[13]), ticks(f[14]), hwmKib * 1024, 0, name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }
}
