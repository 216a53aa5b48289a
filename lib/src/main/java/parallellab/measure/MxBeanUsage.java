package parallellab.measure;

import java.lang.management.ManagementFactory;

/**
 * The last resort on any JVM: the process CPU time from the OperatingSystemMXBean. It cannot split
 * user from sys (all of it is reported as user) and knows nothing of children or peak RSS.
 */
final class MxBeanUsage implements UsageSource {

    @Override
    public String name() {
        return "MXBean";
    }

    @Override
    public ProcessUsage read() {
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) / 1e9 : 0;
        return new ProcessUsage(cpu, 0, 0, 0, 0, 0, name());
    }
}
