package parallellab.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a scan stood at one instant: files done out of files found so far.
 *
 * <p>While the walk runs, {@code total} still grows, so the ETA is a lower bound and prints as
 * "ETA >2.7s"; once {@code walkFinished} it is the usual estimate, remaining files over the mean rate.
 *
 * @param rate files per second since the scan started
 * @param eta  empty until the first file is done
 */
public record ProgressSnapshot(int done, int total, boolean walkFinished, Duration elapsed, double rate, Optional<Duration> eta) {

    /** True once the walk is over and every file it found is done. */
    public boolean complete() {
        return walkFinished && done >= total;
    }

    /** Done over total, 0 to 1 (0 while nothing is known). */
    public double fraction() {
        return total == 0 ? (walkFinished ? 1 : 0) : (double) done / total;
    }

    @Override
    public String toString() {
        String line = String.format(Locale.ROOT, "%d/%d%s files  %.1f files/s", done, total, walkFinished ? "" : "+", rate);
        return eta.map(d -> line + String.format(Locale.ROOT, "  ETA %s%.1fs", walkFinished ? "" : ">", d.toMillis() / 1000.0))
                .orElse(line);
    }
}
