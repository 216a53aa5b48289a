package parallellab.lessons;

import java.io.Serializable;
import java.nio.file.Path;
import parallellab.pool.PoolTask;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;

/**
 * Python's {@code pool.starmap(f, [(a, b), (c, d)])} in Java: when the arguments vary per task,
 * each task's arguments are one record, and {@code map} sends a list of them.
 *
 * <p>Compare {@code partial} (a field of the task, the same for every call) with this (a field of
 * the argument, different for each). Both records are in the lib's jar, so the workers can load
 * them; a record declared in a cell could not travel (lesson 04, section 3).
 */
public final class Starmap {

    private Starmap() {}

    /** One task's arguments: which file, and how many of its seconds to analyse. */
    public record Args(String path, double seconds) implements Serializable {}

    /** Analyses the first {@code seconds} of {@code path}, both taken from the argument. */
    public record Task() implements PoolTask<Args, FileResult> {
        @Override
        public FileResult apply(Args args) {
            return new AnalyzeWorkload(args.seconds()).process(Path.of(args.path()));
        }
    }
}
