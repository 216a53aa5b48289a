package parallellab.bench;

import java.util.Arrays;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to measured speedups:
 * C(p) = p / (1 + σ(p − 1) + κ p(p − 1)).
 *
 * <p>σ (contention) plays Amdahl's serial fraction; κ (coherency) is the cost of workers talking to
 * each other, which grows with p² and makes the curve turn down after a peak at
 * p* = √((1 − σ) / κ). Amdahl cannot predict that retrograde region; the USL can, which is why it
 * needs more points (at least four distinct worker counts). Fitted by Levenberg–Marquardt in
 * commons-math3, with σ and κ kept at or above zero.
 */
public record UslFit(double sigma, double kappa) {

    /** The fewest distinct worker counts the fit accepts. */
    public static final int MIN_POINTS = 4;

    /** Fits (workers[i], speedup[i]); NaN parameters with fewer than {@link #MIN_POINTS} distinct p. */
    public static UslFit fit(double[] workers, double[] speedup) {
        if (Arrays.stream(workers).distinct().count() < MIN_POINTS) {
            return new UslFit(Double.NaN, Double.NaN);
        }
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(point -> valueAndJacobian(workers, point))
                .target(speedup)
                .start(new double[] {0.05, 0.001})
                .parameterValidator(point -> point.map(v -> Math.max(0, v)))
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
        RealVector params = optimum.getPoint();
        return new UslFit(Math.max(0, params.getEntry(0)), Math.max(0, params.getEntry(1)));
    }

    private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> valueAndJacobian(double[] workers, RealVector point) {
        double sigma = point.getEntry(0);
        double kappa = point.getEntry(1);
        double[] value = new double[workers.length];
        double[][] jacobian = new double[workers.length][2];
        for (int i = 0; i < workers.length; i++) {
            double p = workers[i];
            double d = 1 + sigma * (p - 1) + kappa * p * (p - 1);
            value[i] = p / d;
            jacobian[i][0] = -p * (p - 1) / (d * d);
            jacobian[i][1] = -p * p * (p - 1) / (d * d);
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /** The speedup the law predicts for p workers. */
    public double predict(double p) {
        return p / (1 + sigma * (p - 1) + kappa * p * (p - 1));
    }

    /** p* = √((1 − σ)/κ), the worker count past which adding workers slows things down (∞ if κ = 0). */
    public double peakWorkers() {
        return kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Double.POSITIVE_INFINITY;
    }

    public boolean valid() {
        return Double.isFinite(sigma) && Double.isFinite(kappa);
    }
}
