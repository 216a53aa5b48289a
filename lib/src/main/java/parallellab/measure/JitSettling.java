package parallellab.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Warm-up that stops when the JIT compiler has, instead of after a fixed count: runs a block again
 * and again, watching {@link CompilationMXBean#getTotalCompilationTime()}, until a run during which
 * the compiler worked less than a share of the run's real time.
 *
 * <p>Profiling or timing a block before that measures the compiler as much as the code (lesson 01):
 * C2's register allocator can fill the top of a profile. The rounds come back as a table, so the
 * notebook shows the settling instead of asserting it.
 */
public final class JitSettling {

    private JitSettling() {}

    /**
     * The CPU time so far of this JVM's live Java threads, in seconds: the program's own CPU,
     * without the JIT compiler's and the garbage collector's threads, which {@link ThreadMXBean}
     * does not list. A CPU profile of a loop that runs until this has grown by 3 s holds about
     * 3,000 samples of Java code at 1 ms a sample, however busy the compiler or the machine.
     * (A thread that ended in between takes its CPU time with it, so the loop only runs longer.)
     */
    public static double javaThreadsCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                nanos += cpu;
            }
        }
        return nanos / 1e9;
    }

    /**
     * Runs {@code work} until the compiler's time during one run is below {@code share} of that run's
     * real time, at most {@code maxRounds} times; returns one row per round: real_s and jit_s; the title says when it did not settle.
     */
    public static Table warmUp(Callable<?> work, double share, int maxRounds) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        IntColumn round = IntColumn.create("round");
        DoubleColumn real = DoubleColumn.create("real_s");
        DoubleColumn compiling = DoubleColumn.create("jit_s");
        boolean settled = false;
        for (int r = 1; r <= maxRounds && !settled; r++) {
            long jitBefore = measurable ? jit.getTotalCompilationTime() : 0;
            long start = System.nanoTime();
            work.call();
            double seconds = (System.nanoTime() - start) / 1e9;
            double jitSeconds = measurable ? (jit.getTotalCompilationTime() - jitBefore) / 1e3 : Double.NaN;
            round.append(r);
            real.append(Math.round(seconds * 1000) / 1000.0);
            compiling.append(jitSeconds);
            settled = !measurable || jitSeconds < share * seconds;
        }
        String title = "warm-up until the JIT compiler worked less than " + Math.round(share * 100) + "% of a run (CompilationMXBean)";
        if (!settled) {
            title += ": NOT settled after " + maxRounds + " rounds, so what follows still measures the compiler too";
        }
        return Table.create(title, round, real, compiling);
    }
}
