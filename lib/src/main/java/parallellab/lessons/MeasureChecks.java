package parallellab.lessons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import parallellab.measure.Timing;

/**
 * The checks of lesson 01's exercises: a timer that warms up and reports the median, and the
 * cores a run kept busy, children included. The first is checked against a job whose runs are
 * timed by the check itself: cold and slow at first, then warm, with one outlier.
 */
public final class MeasureChecks {

    /** Runs {@code job} {@code warmups} times untimed, then {@code repeats} times timed; returns seconds. */
    @FunctionalInterface
    public interface TimeIt {
        double seconds(Runnable job, int warmups, int repeats) throws Exception;
    }

    /** Milliseconds of each call of the check's job: two cold ones, then warm ones and one outlier. */
    private static final long[] SCRIPT_MS = {300, 250, 80, 30, 260, 110, 90};
    private static final int WARMUPS = 2;

    private MeasureChecks() {}

    /** Checks a timer: it must skip the warm-ups and return the median of the timed runs. */
    public static void timeIt(TimeIt timer) {
        Verdict.print(() -> checkTimeIt(timer));
    }

    /** Checks a "cores busy" figure: (user + sys) / real, the children's CPU included. */
    public static void coresBusy(ToDoubleFunction<Timing> cores) {
        Verdict.print(() -> checkCoresBusy(cores));
    }

    static Verdict checkTimeIt(TimeIt timer) throws Exception {
        List<Double> actual = new ArrayList<>();
        Runnable job = () -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(SCRIPT_MS[Math.min(actual.size(), SCRIPT_MS.length - 1)]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            actual.add((System.nanoTime() - start) / 1e9);
        };
        int repeats = SCRIPT_MS.length - WARMUPS;
        double answer = timer.seconds(job, WARMUPS, repeats);
        if (actual.size() != WARMUPS + repeats) {
            String cold = actual.size() == 1 ? String.format(Locale.ROOT, "you timed one run, the cold one (%.3f s); ", answer) : "the job ran " + actual.size() + " times; ";
            return Verdict.wrong(cold + "run it " + WARMUPS + " times untimed to warm up, then time each of the " + repeats
                    + " repeats and return their median.");
        }
        double[] timed = actual.subList(WARMUPS, actual.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = timed[timed.length / 2];
        double mean = Arrays.stream(timed).average().orElse(0);
        if (Math.abs(answer - median) <= Math.max(0.005, 0.05 * median)) {
            return Verdict.right(String.format(Locale.ROOT, "%.3f s: the median of the %d timed runs, with the cold runs (%.3f s) and the outlier (%.3f s) left out.",
                    answer, repeats, actual.get(0), timed[timed.length - 1]));
        }
        String hint;
        if (Math.abs(answer - actual.get(0)) < 0.02) {
            hint = "that is the first, cold run: run the job `warmups` times untimed first";
        } else if (Math.abs(answer - mean) < 0.01) {
            hint = "that is the mean, which the outlier pulls up: sort the timed runs and take the middle one";
        } else if (Math.abs(answer - timed[0]) < 0.005) {
            hint = "that is the fastest run: the median is the middle one of the sorted runs";
        } else {
            hint = "time each run on its own (System.nanoTime() before and after), sort the times and take the middle one";
        }
        return Verdict.wrong(String.format(Locale.ROOT, "you returned %.3f s, but the median of the %d timed runs was %.3f s: %s.", answer, repeats, median, hint));
    }

    static Verdict checkCoresBusy(ToDoubleFunction<Timing> cores) {
        Timing oneThread = new Timing(2.0, 1.8, 0.2, 0, 0, 0, 0);
        Timing twoThreads = new Timing(1.0, 1.7, 0.3, 0, 0, 0, 0);
        Timing children = new Timing(1.0, 0.1, 0.1, 1.5, 0.3, 0, 0);
        double[] expected = {1.0, 2.0, 2.0};
        Timing[] timings = {oneThread, twoThreads, children};
        String[] what = {"one busy thread (real 2.0, user 1.8, sys 0.2)", "two busy threads (real 1.0, user 1.7, sys 0.3)",
                "a JVM waiting for ffprobe children (real 1.0, user 0.1, sys 0.1, children's user 1.5 and sys 0.3)"};
        for (int i = 0; i < timings.length; i++) {
            double got = cores.applyAsDouble(timings[i]);
            if (Math.abs(got - expected[i]) > 0.01) {
                String hint = i < 2 ? "divide user + sys by real" : "add the children's user and sys time: ffprobe's CPU is CPU the scan used";
                return Verdict.wrong(String.format(Locale.ROOT, "for %s you gave %.2f cores, not %.2f: %s.", what[i], got, expected[i], hint));
            }
        }
        return Verdict.right("1, 2 and 2 cores for one thread, two threads and a JVM whose children did the work: (user + sys) / real, children included.");
    }
}
