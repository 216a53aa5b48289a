package parallellab.lessons;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * The checks of lesson 05's exercises: Amdahl's serial fraction from one measured speedup, and the
 * speedup Amdahl's law predicts for any number of workers. Both are checked on points with known
 * answers, the textbook's and the ones the learner measured.
 */
public final class SpeedupChecks {

    private SpeedupChecks() {}

    /** Checks {@code (p, speedup) -> f}: the serial fraction that explains a speedup at p workers. */
    public static void serialFraction(DoubleBinaryOperator fraction) {
        Verdict.print(() -> checkSerialFraction(fraction));
    }

    /** Checks {@code (f, p) -> speedup}: Amdahl's prediction for p workers when a fraction f is serial. */
    public static void amdahl(DoubleBinaryOperator speedup) {
        Verdict.print(() -> checkAmdahl(speedup));
    }

    static Verdict checkSerialFraction(DoubleBinaryOperator fraction) {
        double[][] cases = {{2, 2, 0}, {2, 1, 1}, {4, 2.5, 0.2}, {2, 1.9, 1.0 / 19}};
        for (double[] c : cases) {
            double got = fraction.applyAsDouble(c[0], c[1]);
            if (Math.abs(got - c[2]) > 1e-3) {
                return Verdict.wrong(String.format(Locale.ROOT, "a speedup of %.2f at %.0f workers gave f = %.3f, not %.3f: solve S = 1 / (f + (1 - f) / p) for f.",
                        c[1], c[0], got, c[2]));
            }
        }
        return Verdict.right("f = 0 for a perfect speedup, 1 for none, 0.2 for 2.5× at 4 workers: f = (p / S - 1) / (p - 1), the Karp–Flatt metric.");
    }

    static Verdict checkAmdahl(DoubleBinaryOperator speedup) {
        double[][] cases = {{0, 4, 4}, {1, 4, 1}, {0.2, 4, 2.5}, {0.1, 1_000_000, 10}};
        for (double[] c : cases) {
            double got = speedup.applyAsDouble(c[0], c[1]);
            if (Math.abs(got - c[2]) > 1e-3 * c[2]) {
                return Verdict.wrong(String.format(Locale.ROOT, "with f = %.2f and p = %.0f you predicted %.3f, not %.3f: S(p) = 1 / (f + (1 - f) / p).",
                        c[0], c[1], got, c[2]));
            }
        }
        return Verdict.right("p for f = 0, 1 for f = 1, and at most 1 / f however many workers: with 10% serial, a million workers give 10×.");
    }
}
