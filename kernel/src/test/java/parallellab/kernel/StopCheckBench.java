package parallellab.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import parallellab.kernel.jshell.StopSignal;

/**
 * What a stop check on every loop back-edge costs (a benchmark, not a test): the same loops plain,
 * with a volatile flag read (how {@link StopSignal} used to work) and with {@link StopSignal#check()}
 * (a call through a constant call site the JIT folds away), side by side in one JVM, timed by this
 * thread's CPU time so that other work on the machine disturbs it less. Prints the ratio to plain per
 * round; the last rounds are the warm ones.
 *
 * <p>Run: {@code java -cp kernel/target/classes:kernel/target/test-classes parallellab.kernel.StopCheckBench}
 */
public final class StopCheckBench {

    private static volatile boolean flag;

    private StopCheckBench() {}

    static void volatileCheck() {
        if (flag) {
            throw new IllegalStateException("stopped");
        }
    }

    static long sum(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    static long sumVolatile(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
            volatileCheck();
        }
        return s;
    }

    static long sumSwitch(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
            StopSignal.check();
        }
        return s;
    }

    static long collatz(int n) {
        long steps = 0;
        for (int k = 1; k < n; k++) {
            for (long x = k; x != 1; x = (x & 1) == 0 ? x / 2 : 3 * x + 1) {
                steps++;
            }
        }
        return steps;
    }

    static long collatzVolatile(int n) {
        long steps = 0;
        for (int k = 1; k < n; k++) {
            volatileCheck();
            for (long x = k; x != 1; x = (x & 1) == 0 ? x / 2 : 3 * x + 1) {
                steps++;
                volatileCheck();
            }
        }
        return steps;
    }

    static long collatzSwitch(int n) {
        long steps = 0;
        for (int k = 1; k < n; k++) {
            StopSignal.check();
            for (long x = k; x != 1; x = (x & 1) == 0 ? x / 2 : 3 * x + 1) {
                steps++;
                StopSignal.check();
            }
        }
        return steps;
    }

    public static void main(String[] args) {
        int[] data = new Random(1).ints(100_000, 0, 1000).toArray();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        System.out.println("round  sum: volatile/plain switch/plain   collatz: volatile/plain switch/plain");
        for (int round = 1; round <= 8; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 3000; i++) {
                sink += sum(data);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 3000; i++) {
                sink += sumVolatile(data);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 3000; i++) {
                sink += sumSwitch(data);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 300; i++) {
                sink += collatz(3000);
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 300; i++) {
                sink += collatzVolatile(3000);
            }
            long t5 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 300; i++) {
                sink += collatzSwitch(3000);
            }
            long t6 = cpu.getCurrentThreadCpuTime();
            double sumPlain = t1 - t0;
            double collatzPlain = t4 - t3;
            System.out.printf("%5d  %19.2f %12.2f   %23.2f %12.2f%n", round, (t2 - t1) / sumPlain, (t3 - t2) / sumPlain,
                    (t5 - t4) / collatzPlain, (t6 - t5) / collatzPlain);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
