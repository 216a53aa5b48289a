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
        if (workload instanceof FileBudget budget && budget.abandoned() > 0) {
            Worker.retireAfterChunk(budget.abandoned());
        }
        return result;
    }
}
