package parallellab.work;

import java.util.Arrays;
import parallellab.gil.Gil;

/**
 * Estimates the tempo in beats per minute from a stream of magnitude spectra.
 *
 * <p>Three steps, each a classic: (1) an onset-strength envelope, the spectral flux: how much the
 * log-magnitude spectrum rose since the previous frame, summed over bins, lightly smoothed; (2) the autocorrelation
 * of that envelope, which peaks at lags where the music repeats; (3) a comb over the autocorrelation:
 * a candidate beat period scores the sum of the autocorrelation at half a period and at 1, 2, 3 and
 * 4 periods. The comb rewards the true beat over a 3:2 or 2:3 neighbour, whose teeth miss some
 * beats or off-beats, and sampling it at fractional lags on a fine BPM grid gives a resolution far
 * below one frame (one frame is about 2 BPM at 120 BPM). Candidates are searched only in {@link #MIN_BPM}..{@link #MAX_BPM}: one
 * octave, so a tempo and its double cannot both be answers.
 */
public final class TempoEstimator implements ShortTimeFourier.FrameListener {

    public static final double MIN_BPM = 80;
    public static final double MAX_BPM = 160;
    private static final double BPM_STEP = 0.02;
    private static final int MAX_MULTIPLE = 4;
    /** Log compression: loud and quiet onsets both count, as they do for a listener. */
    private static final double COMPRESSION = 1000;

    private final double framesPerSecond;
    private double[] previous;
    private double[] envelope = new double[1024];
    private int length;

    /** {@code framesPerSecond} is the spectra's rate: sample rate / hop. */
    public TempoEstimator(double framesPerSecond) {
        this.framesPerSecond = framesPerSecond;
    }

    @Override
    public void onFrame(double[] magnitudes) {
        double flux = 0;
        if (previous == null) {
            previous = new double[magnitudes.length];
            for (int k = 0; k < magnitudes.length; k++) {
                previous[k] = Math.log1p(COMPRESSION * magnitudes[k]);
            }
        } else {
            for (int k = 0; k < magnitudes.length; k++) {
                double level = Math.log1p(COMPRESSION * magnitudes[k]);
                flux += Math.max(0, level - previous[k]);
                previous[k] = level;
            }
        }
        if (length == envelope.length) {
            envelope = Arrays.copyOf(envelope, 2 * length);
        }
        envelope[length++] = flux;
    }

    /** The tempo in BPM, or NaN when the audio is too short or has no onsets. */
    public double bpm() {
        double slowestLag = framesPerSecond * 60 / MIN_BPM;
        int multiples = Math.min(MAX_MULTIPLE, (int) Math.floor((length / 2.0 - 1) / slowestLag));
        if (multiples < 1) {
            return Double.NaN;
        }
        double[] ac = autocorrelation(smoothed(centred()), (int) Math.ceil(multiples * slowestLag) + 1);
        if (ac[0] <= 0) {
            return Double.NaN;
        }
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        int steps = (int) Math.round((MAX_BPM - MIN_BPM) / BPM_STEP);
        for (int i = 0; i <= steps; i++) {
            double bpm = MIN_BPM + i * BPM_STEP;
            double lag = framesPerSecond * 60 / bpm;
            double score = interpolate(ac, lag / 2);
            for (int m = 1; m <= multiples; m++) {
                score += interpolate(ac, m * lag);
            }
            if (score > bestScore) {
                bestScore = score;
                best = bpm;
            }
        }
        return best;
    }

    private double[] centred() {
        double mean = 0;
        for (int i = 0; i < length; i++) {
            mean += envelope[i];
        }
        mean /= length;
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = envelope[i] - mean;
        }
        return x;
    }

    /**
     * A [1/4, 1/2, 1/4] blur: synthetic drum onsets are one frame sharp, and between such spikes the
     * comb would pick whichever period lands its teeth on frame boundaries, not the true one.
     */
    private static double[] smoothed(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double before = i > 0 ? x[i - 1] : 0;
            double after = i + 1 < x.length ? x[i + 1] : 0;
            y[i] = 0.25 * before + 0.5 * x[i] + 0.25 * after;
        }
        return y;
    }

    /** Unbiased autocorrelation: each lag is averaged over its overlap, so long lags are not penalised. */
    private static double[] autocorrelation(double[] x, int maxLag) {
        double[] ac = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            Gil.checkpoint();
            double sum = 0;
            for (int i = 0; i + lag < x.length; i++) {
                sum += x[i] * x[i + lag];
            }
            ac[lag] = sum / (x.length - lag);
        }
        return ac;
    }

    private static double interpolate(double[] values, double position) {
        int i = (int) position;
        double fraction = position - i;
        return values[i] + fraction * (values[i + 1] - values[i]);
    }
}
