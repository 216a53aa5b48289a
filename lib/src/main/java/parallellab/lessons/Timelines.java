package parallellab.lessons;

import java.nio.file.Path;
import parallellab.measure.Timeline;
import parallellab.scan.ProcessPoolScanner;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.Strategies;
import parallellab.work.Workload;

/**
 * Runs whose worker timeline a lesson draws with {@code Charts.timeline}: a scan with any strategy
 * (GIL on or off), and a new process pool's scan in chunks, whose timeline starts before the pool is
 * created so that the worker JVMs' start-up shows as the gap before their first bars. Every scan
 * records its timeline ({@link ScanReport#timeline()}); these only pick the settings.
 */
public final class Timelines {

    private Timelines() {}

    /** Scans {@code library} with {@code strategy} and returns who processed each file, and when. */
    public static Timeline scan(Path library, Workload workload, String strategy, int workers, boolean gil) throws InterruptedException {
        ScanOptions options = ScanOptions.workers(workers).withGil(gil);
        return ScanReport.run(library, Strategies.create(strategy, options), workload, workers, ScanListener.NONE).timeline();
    }

    /** A new pool of {@code workers} JVMs scans the library's files in chunks of {@code chunksize}. */
    public static Timeline pool(Path library, Workload workload, int workers, int chunksize) throws InterruptedException {
        ScanOptions options = ScanOptions.workers(workers).withChunksize(chunksize);
        return ScanReport.run(library, new ProcessPoolScanner(options), workload, workers, ScanListener.NONE).timeline();
    }
}
