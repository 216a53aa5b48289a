package parallellab.scan;

import java.nio.file.Path;
import parallellab.pool.PoolTask;
import parallellab.pool.Worker;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Adapts a {@link Workload} to a {@link PoolTask}: path string in, {@link FileResult} out.
 *
 * <p>Paths travel as strings because {@link Path} is not serializable. The workload record is the
 * task's only field, so its settings (for example the seconds to analyse) reach every worker. In
 * the worker each file goes through {@link ScanSkeleton#process}, the per-file step of every
 * scanner, so a workload that throws fails its own file there too. A file over its
 * {@link FileBudget} whose thread would not stop leaves that thread spinning in the worker JVM, so
 * the task asks for the worker to be replaced after the chunk ({@link Worker#retireAfterChunk(int)}),
 * and the count of such threads reaches the parent's summary through the worker's stats.
 */
public record WorkloadTask(Workload workload) implements PoolTask<String, FileResult> {

    @Override
    public FileResult apply(String path) {
        FileResult result = ScanSkeleton.process(workload, Path.of(path));
        retireIfStuck(workload);
        return result;
    }

    /** The same task, also sending back each file's span on the worker timeline: what the scanners run. */
    public Timed timed() {
        return new Timed(workload);
    }

    /**
     * The task with the worker timeline: each file's result beside its span, the span named after
     * the worker JVM ("pid 4242"), which is the worker a process pool's timeline has one row for.
     * (Spark runs it too, and renames the span after its executor.)
     */
    public record Timed(Workload workload) implements PoolTask<String, Processed> {

        @Override
        public Processed apply(String path) {
            Processed processed = ScanSkeleton.timed(workload, Path.of(path));
            retireIfStuck(workload);
            return processed.on("pid " + ProcessHandle.current().pid(), 0);
        }
    }

    private static void retireIfStuck(Workload workload) {
        if (workload instanceof FileBudget budget && budget.abandoned() > 0) {
            Worker.retireAfterChunk(budget.abandoned());
        }
    }
}
