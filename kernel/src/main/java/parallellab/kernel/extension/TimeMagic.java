package parallellab.kernel.extension;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import parallellab.measure.Measure;
import parallellab.measure.Timing;

/**
 * {@code %%time} and {@code %%timeit}. {@code %%time} runs the cell once and prints what the Unix
 * {@code time} prints (real, user, sys, counting reaped child processes) plus cpu/real, the number
 * of cores the cell kept busy. {@code %%timeit} compiles the cell once as a lambda, grows the loop
 * count until one run takes at least 0.2 s (that also warms the JIT up), then times several runs
 * and prints mean ± standard deviation and the best, per loop.
 */
final class TimeMagic {

    static final double TARGET_RUN_SECONDS = 0.2;
    static final double BUDGET_SECONDS = 5;

    private TimeMagic() {}

    static Object time(BaseKernel kernel, String body) throws Exception {
        Object[] value = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        Timing timing = Measure.time(() -> {
            try {
                value[0] = kernel.evalRaw(body);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        System.out.print(format(timing));
        if (failure[0] != null) {
            throw failure[0];
        }
        return value[0];
    }

    static String format(Timing t) {
        return "real\t" + unixTime(t.realSeconds()) + "\n"
                + "user\t" + unixTime(t.totalUserSeconds()) + "\n"
                + "sys\t" + unixTime(t.totalSysSeconds()) + "\n"
                + String.format("cpu/real %.2f%n", t.coresUsed());
    }

    static String unixTime(double seconds) {
        long minutes = (long) (seconds / 60);
        return String.format("%dm%.3fs", minutes, seconds - minutes * 60);
    }

    static Object timeit(BaseKernel kernel, String body) throws Exception {
        Callable<?> work = compile(kernel, body);
        long loops = 1;
        double run;
        while (true) {
            run = timeLoops(work, loops);
            if (run >= TARGET_RUN_SECONDS || loops >= 1L << 40) {
                break;
            }
            long next = run <= 0 ? loops * 10 : (long) Math.ceil(loops * TARGET_RUN_SECONDS * 1.2 / run);
            loops = Math.max(loops * 2, Math.min(next, loops * 100));
        }
        int repeats = (int) Math.max(3, Math.min(7, BUDGET_SECONDS / Math.max(run, 1e-9)));
        double[] perLoop = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            perLoop[i] = timeLoops(work, loops) / loops;
        }
        double mean = Arrays.stream(perLoop).average().orElse(0);
        double var = Arrays.stream(perLoop).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, repeats - 1);
        double best = Arrays.stream(perLoop).min().orElse(0);
        System.out.println(duration(mean) + " \u00b1 " + duration(Math.sqrt(var)) + " per loop (mean \u00b1 std. dev. of "
                + repeats + " runs, " + loops + (loops == 1 ? " loop" : " loops") + " each); best " + duration(best));
        return null;
    }

    private static double timeLoops(Callable<?> work, long loops) throws Exception {
        long start = System.nanoTime();
        for (long i = 0; i < loops; i++) {
            work.call();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The cell as a lambda: an expression is returned (so it is not optimised away), statements are run. */
    private static Callable<?> compile(BaseKernel kernel, String body) throws Exception {
        String code = body.strip();
        String expression = code.endsWith(";") ? code.substring(0, code.length() - 1) : code;
        try {
            Object supplier = kernel.evalRaw("(java.util.function.Supplier<Object>) () -> (" + expression + ")");
            if (supplier instanceof Supplier<?> s) {
                return s::get;
            }
        } catch (RuntimeException notAnExpression) {
            // Statements, not an expression: compile them as a block below.
        }
        Object runnable = kernel.evalRaw("(Runnable) () -> {\n" + code + "\n}");
        if (!(runnable instanceof Runnable r)) {
            throw new IllegalStateException("%%timeit could not compile the cell");
        }
        return () -> {
            r.run();
            return null;
        };
    }

    static String duration(double seconds) {
        if (seconds >= 1) {
            return String.format("%.3f s", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format("%.3f ms", seconds * 1e3);
        }
        if (seconds >= 1e-6) {
            return String.format("%.3f \u00b5s", seconds * 1e6);
        }
        return String.format("%.1f ns", seconds * 1e9);
    }
}
