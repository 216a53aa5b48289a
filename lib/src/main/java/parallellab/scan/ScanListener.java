package parallellab.scan;

import java.nio.file.Path;
import parallellab.measure.FileSpan;
import parallellab.measure.Timeline;
import parallellab.work.FileResult;

/**
 * Hears how a running scan is going: a file found by the walk, a file finished by a worker.
 *
 * <p>Calls may come from any thread, so implementations must be thread-safe. A progress bar, the
 * kernel's live display and the tests all listen this way.
 */
public interface ScanListener {

    ScanListener NONE = new ScanListener() {};

    /** The walk found a file to process. */
    default void found(Path file) {}

    /** The walk is over: {@code total} files were found. */
    default void walkFinished(int total) {}

    /** A file was processed (well or not). */
    default void finished(FileResult result) {}

    /** A file's bar on the worker timeline: who processed it, and when; called just after {@link #finished}. */
    default void timed(FileSpan span) {}

    /**
     * Workers outside this process (a cluster's executors) spent {@code seconds} of CPU time on the
     * scan, which this process's clock cannot see. Strategies whose workers are remote call it once,
     * at the end; {@link ScanReport#run} adds it to the timing ({@code Timing#withRemoteCpu}).
     */
    default void remoteCpu(double seconds) {}

    /** One listener that passes every call on to {@code first}, then to {@code second}. */
    static ScanListener both(ScanListener first, ScanListener second) {
        return new ScanListener() {
            @Override
            public void found(Path file) {
                first.found(file);
                second.found(file);
            }

            @Override
            public void walkFinished(int total) {
                first.walkFinished(total);
                second.walkFinished(total);
            }

            @Override
            public void finished(FileResult result) {
                first.finished(result);
                second.finished(result);
            }

            @Override
            public void timed(FileSpan span) {
                first.timed(span);
                second.timed(span);
            }

            @Override
            public void remoteCpu(double seconds) {
                first.remoteCpu(seconds);
                second.remoteCpu(seconds);
            }
        };
    }

    /** A listener that only adds the remote CPU time reported to {@code total}. */
    static ScanListener countingRemoteCpu(java.util.concurrent.atomic.DoubleAdder total) {
        return new ScanListener() {
            @Override
            public void remoteCpu(double seconds) {
                total.add(seconds);
            }
        };
    }

    /** A listener that only adds each file's span to {@code recorder}: the worker timeline of a scan. */
    static ScanListener recording(Timeline.Recorder recorder) {
        return new ScanListener() {
            @Override
            public void timed(FileSpan span) {
                recorder.add(span);
            }
        };
    }
}
