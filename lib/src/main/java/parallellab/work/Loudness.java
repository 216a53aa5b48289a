package parallellab.work;

/**
 * RMS and peak level of a stream of samples, in dBFS (0 dBFS is a full-scale sample).
 *
 * <p>A running sum and a running maximum: constant memory, one pass, and a fixed summation order so
 * the same samples always give the same bits. Silence has no finite level, so levels are floored
 * at {@link #FLOOR_DBFS}.
 */
public final class Loudness {

    /** The level reported for digital silence (about the noise floor of 20-bit audio). */
    public static final double FLOOR_DBFS = -120;

    private double sumOfSquares;
    private double peak;
    private long count;

    public void add(double[] samples, int count) {
        for (int i = 0; i < count; i++) {
            double s = samples[i];
            sumOfSquares += s * s;
            peak = Math.max(peak, Math.abs(s));
        }
        this.count += count;
    }

    public double rmsDbfs() {
        return count == 0 ? FLOOR_DBFS : dbfs(Math.sqrt(sumOfSquares / count));
    }

    public double peakDbfs() {
        return dbfs(peak);
    }

    private static double dbfs(double amplitude) {
        return amplitude <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * StrictMath.log10(amplitude));
    }
}
