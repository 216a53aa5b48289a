package parallellab.work;

/**
 * Two numbers that sum up how bright a sound is: the spectral centroid (the spectrum's centre of
 * mass) and the roll-off (the frequency below which 85% of the magnitude lies), both of the
 * magnitude spectrum averaged over all frames.
 *
 * <p>Averaging first keeps one spectrum in memory instead of one per frame, at the price of not
 * seeing how brightness changes over time. Silence has no centroid: it reports NaN.
 */
public final class SpectrumSummary implements ShortTimeFourier.FrameListener {

    /** The share of the total magnitude that lies below the roll-off frequency. */
    public static final double ROLLOFF_SHARE = 0.85;

    private final double binHz;
    private double[] sum;

    /** {@code binHz} is the width of one FFT bin: sample rate / frame size. */
    public SpectrumSummary(double binHz) {
        this.binHz = binHz;
    }

    @Override
    public void onFrame(double[] magnitudes) {
        if (sum == null) {
            sum = new double[magnitudes.length];
        }
        for (int k = 0; k < magnitudes.length; k++) {
            sum[k] += magnitudes[k];
        }
    }

    public double centroidHz() {
        double total = total();
        if (total <= 0) {
            return Double.NaN;
        }
        double weighted = 0;
        for (int k = 0; k < sum.length; k++) {
            weighted += k * binHz * sum[k];
        }
        return weighted / total;
    }

    public double rolloffHz() {
        double total = total();
        if (total <= 0) {
            return Double.NaN;
        }
        double cumulative = 0;
        for (int k = 0; k < sum.length; k++) {
            cumulative += sum[k];
            if (cumulative >= ROLLOFF_SHARE * total) {
                return k * binHz;
            }
        }
        return (sum.length - 1) * binHz;
    }

    private double total() {
        double total = 0;
        if (sum != null) {
            for (double m : sum) {
                total += m;
            }
        }
        return total;
    }
}
