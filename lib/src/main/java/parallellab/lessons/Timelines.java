package parallellab.lessons;

import java.nio.file.Path;
import java.util.List;
import parallellab.measure.Timeline;
import parallellab.pool.ProcessPool;
import parallellab.pool.TimedTask;
import parallellab.scan.WorkloadTask;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.Strategies;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Runs that record a worker timeline, for {@code Charts.timeline}: a thread strategy's scan (GIL on
 * or off), and a new process pool's map, whose timeline starts when the pool is created so that the
 * worker JVMs' start-up shows as the gap before their first bars.
 */
public final class Timelines {

    private Timelines() {}

    /** Scans {@code library} with a thread strategy and records who processed each file, and when. */
    public static Timeline scan(Path library, Workload workload, String strategy, int workers, boolean gil) throws InterruptedException {
        if (strategy.equals("process-pool")) {
            return pool(library, workload, workers, 1);
        }
        Timeline.Recorder recorder = Timeline.recording();
        Strategies.create(strategy, ScanOptions.workers(workers).withGil(gil)).scan(library, recorder.wrap(workload), ScanListener.NONE);
        return recorder.timeline();
    }

    /** A new pool of {@code workers} JVMs maps the workload over the library's files in chunks of {@code chunksize}. */
    public static Timeline pool(Path library, Workload workload, int workers, int chunksize) throws InterruptedException {
        List<String> paths = LibraryWalker.audioFiles(library).stream().map(p -> p.toAbsolutePath().toString()).toList();
        Timeline.Recorder recorder = Timeline.recording();
        try (ProcessPool pool = ProcessPool.create(workers)) {
            List<TimedTask.Timed<FileResult>> timed = pool.map(new TimedTask<>(new WorkloadTask(workload)), paths, chunksize);
            timed.forEach(t -> recorder.add(t.span()));
        }
        return recorder.timeline();
    }
}
