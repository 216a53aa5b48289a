package parallellab.work;

import java.io.Serializable;

/**
 * What the CPU-heavy {@code analyze} workload hears in the first seconds of a track.
 *
 * <p>Loudness is in dBFS (0 is full scale), tempo in beats per minute, and the spectral summary is
 * the centroid and the 85% roll-off frequency of the averaged spectrum. Workloads that do not
 * analyse report {@link #NONE}, so a result never holds a null.
 */
public record Analysis(
        double analysedSeconds,
        double rmsDbfs,
        double peakDbfs,
        double tempoBpm,
        double spectralCentroidHz,
        double spectralRolloffHz) implements Serializable {

    /** The analysis of a workload that does not analyse. Records compare NaN equal to NaN. */
    public static final Analysis NONE = new Analysis(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean isPresent() {
        return !this.equals(NONE);
    }
}
