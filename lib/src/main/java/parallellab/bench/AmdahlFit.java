package parallellab.bench;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Amdahl's law fitted to measured times: T(p) = Ts + Tp / p, a serial part that no worker shortens
 * and a parallel part shared by p workers.
 *
 * <p>The model is linear in 1/p, so an ordinary least-squares line through the points (1/p, T)
 * gives Ts as its intercept and Tp as its slope. The serial fraction f = Ts / (Ts + Tp) caps the
 * speedup at 1/f however many workers are added. Overheads that grow with p (locks, queues, copying
 * to worker processes) are not in the model; {@link UslFit} has a term for them. A negative Ts can
 * come out of noisy or super-linear data: it is reported as fitted, not hidden.
 */
public record AmdahlFit(double serialSeconds, double parallelSeconds, double rSquared) {

    /** Fits the points (workers[i], seconds[i]); NaN parameters with fewer than two distinct p. */
    public static AmdahlFit fit(double[] workers, double[] seconds) {
        SimpleRegression line = new SimpleRegression(true);
        for (int i = 0; i < workers.length; i++) {
            line.addData(1.0 / workers[i], seconds[i]);
        }
        if (java.util.Arrays.stream(workers).distinct().count() < 2) {
            return new AmdahlFit(Double.NaN, Double.NaN, Double.NaN);
        }
        return new AmdahlFit(line.getIntercept(), line.getSlope(), line.getRSquare());
    }

    /** f = Ts / (Ts + Tp): the share of the one-worker time that does not parallelise. */
    public double serialFraction() {
        return serialSeconds / (serialSeconds + parallelSeconds);
    }

    /** The time the model predicts for p workers. */
    public double predictSeconds(double p) {
        return serialSeconds + parallelSeconds / p;
    }

    /** The speedup the model predicts for p workers, against its own one-worker time. */
    public double predictSpeedup(double p) {
        return predictSeconds(1) / predictSeconds(p);
    }

    public boolean valid() {
        return Double.isFinite(serialSeconds) && Double.isFinite(parallelSeconds);
    }
}
