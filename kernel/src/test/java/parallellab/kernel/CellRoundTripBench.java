package parallellab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import parallellab.kernel.jshell.JShellEvaluator;

/**
 * What evaluating a cell costs inside the kernel, without Jupyter's messages around it (a benchmark,
 * not a test): a {@link JShellEvaluator} with the kernel's class path and imports runs {@code 1+1}
 * (or the cell given) 200 times and prints the median wall time and this thread's CPU time for the
 * first 40 cells (what {@code tests/kernel/bench_kernel.py} times, JIT still warming) and for cells
 * 100-200. Almost all of it is JShell's javac tasks (parse, two analyses to type an expression, one
 * analysis and one compilation); the CPU figure is the one a loaded machine disturbs less. To compare
 * two builds, run it alternately with each build's kernel jar first on the class path.
 *
 * <p>Run: {@code java -cp "kernel/target/test-classes:kernel/target/parallel-lab-kernel.jar:lib/target/parallel-lab-lib.jar:lib/target/lib/*:kernel/target/lib/*" parallellab.kernel.CellRoundTripBench [cell]}
 */
public final class CellRoundTripBench {

    private static final int CELLS = 200;

    private CellRoundTripBench() {}

    public static void main(String[] args) {
        String cell = args.length > 0 ? args[0] : "1+1";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        long[] wall = new long[CELLS];
        long[] cpu = new long[CELLS];
        try (JShellEvaluator evaluator = new JShellEvaluator(Main.classPath(), Main.imports(), quiet, quiet)) {
            evaluator.warmUp();
            for (int i = 0; i < CELLS; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try {
                    evaluator.eval(cell, i + 1, 0);
                } catch (Exception e) {
                    throw new IllegalArgumentException("the cell failed: " + e.getMessage(), e);
                }
                wall[i] = System.nanoTime() - t0;
                cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        System.out.printf("%s: first 40 cells: wall %.1f ms, cpu %.1f ms; cells 100-200: wall %.1f ms, cpu %.1f ms%n", cell,
                median(wall, 0, 40), median(cpu, 0, 40), median(wall, 100, CELLS), median(cpu, 100, CELLS));
    }

    private static double median(long[] nanos, int from, int to) {
        long[] part = Arrays.copyOfRange(nanos, from, to);
        Arrays.sort(part);
        return part[part.length / 2] / 1e6;
    }
}
