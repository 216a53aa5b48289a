package parallellab.scan;

import java.io.Serializable;
import parallellab.measure.FileSpan;
import parallellab.work.FileResult;

/**
 * One file's result with its bar on the worker timeline, as the per-file step
 * ({@link ScanSkeleton#timed}) returns them.
 *
 * <p>The span travels beside the result, not inside it: a file's result is the same whichever
 * strategy produced it (tests compare them across strategies), while its span says who processed it
 * and when, which differs on every run. Both are serializable, so a worker JVM or a Spark executor
 * sends them back together.
 */
public record Processed(FileResult result, FileSpan span) implements Serializable {

    /** The same, with the span named after the worker that carried it back and its attempt. */
    public Processed on(String worker, int attempt) {
        return new Processed(result, span.on(worker, attempt));
    }
}
