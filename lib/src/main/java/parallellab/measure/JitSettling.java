package parallellab.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
     * Runs {@code work} until the compiler's time during one run is below {@code share} of that run's
     * real time, at most {@code maxRounds} times; returns one row per round: real_s, jit_s, settled.
     */
    public static Table warmUp(Callable<?> work, double share, int maxRounds) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        IntColumn round = IntColumn.create("round");
        DoubleColumn real = DoubleColumn.create("real_s");
        DoubleColumn compiling = DoubleColumn.create("jit_s");
        for (int r = 1; r <= maxRounds; r++) {
            long jitBefore = measurable ? jit.getTotalCompilationTime() : 0;
            long start = System.nanoTime();
            work.call();
            double seconds = (System.nanoTime() - start) / 1e9;
            double jitSeconds = measurable ? (jit.getTotalCompilationTime() - jitBefore) / 1e3 : Double.NaN;
            round.append(r);
            real.append(Math.round(seconds * 1000) / 1000.0);
            compiling.append(jitSeconds);
            if (!measurable || jitSeconds < share * seconds) {
                break;
            }
        }
        return Table.create("warm-up until the JIT compiler worked less than " + Math.round(share * 100)
                + "% of a run (CompilationMXBean)", round, real, compiling);
    }
}
