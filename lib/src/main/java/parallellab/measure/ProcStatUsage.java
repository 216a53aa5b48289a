package parallellab.measure;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Linux fallback when JNA cannot load: /proc/self/stat in clock ticks (usually 10 ms, so short
 * blocks read as 0) and the peak RSS from /proc/self/status. It knows no child peak RSS.
 */
final class ProcStatUsage implements UsageSource {

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
            ProcStat stat = ProcStat.of("self");
            long hwmKib = ProcStatus.of("self").vmHwmKib();
            return new ProcessUsage(stat.userSeconds(), stat.sysSeconds(), stat.childUserSeconds(), stat.childSysSeconds(),
                    hwmKib * 1024, 0, name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
