package parallellab.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Who processed which file, and when: the data behind the worker timeline chart, one
 * {@link FileSpan} per file, measured from {@code originMicros} (when the run started).
 *
 * <p>{@link #recording} wraps a workload so that every thread strategy records its spans without
 * changing the scanner: the wrapper runs on the worker thread, inside the GIL if one is on, and
 * counts the GIL waits from the end of that thread's previous file (the wait to get in) and inside
 * this one (the switches). The cost is two clock reads and a queue add per file.
 */
public record Timeline(long originMicros, List<FileSpan> spans) {

    public Timeline {
        spans = spans.stream().sorted(Comparator.comparingLong(FileSpan::startMicros)).toList();
    }

    /** The workers in the order they first started a file. */
    public List<String> workers() {
        return spans.stream().map(FileSpan::worker).distinct().toList();
    }

    /** Starts a recording whose origin is now: wrap the workload with {@link Recorder#wrap}, run, then {@link Recorder#timeline}. */
    public static Recorder recording() {
        return new Recorder(FileSpan.nowMicros());
    }

    /** Collects spans from any number of worker threads. */
    public static final class Recorder {
        private final long originMicros;
        private final ConcurrentLinkedQueue<FileSpan> spans = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<long[]> lastEnd = new ThreadLocal<>();

        private Recorder(long originMicros) {
            this.originMicros = originMicros;
        }

        /** The workload, recording a span per file in this recorder (threads only: it is not sent to worker JVMs). */
        public Workload wrap(Workload workload) {
            return new Recorded(workload, this);
        }

        /** Adds a span recorded elsewhere, for example one a worker JVM sent back. */
        public void add(FileSpan span) {
            spans.add(span);
        }

        public Timeline timeline() {
            return new Timeline(originMicros, new ArrayList<>(spans));
        }

        FileResult process(Workload inner, Path file) {
            long waitedBefore = Gil.waitedNanos();
            long[] previous = lastEnd.get();
            long start = FileSpan.nowMicros();
            long waitToGetIn = previous == null ? 0 : (waitedBefore - previous[1]) / 1_000;
            try {
                return inner.process(file);
            } finally {
                long end = FileSpan.nowMicros();
                long waitedAfter = Gil.waitedNanos();
                lastEnd.set(new long[] {end, waitedAfter});
                long begin = Math.max(originMicros, start - waitToGetIn);
                Thread me = Thread.currentThread();
                String worker = me.getName().isEmpty() ? (me.isVirtual() ? "virtual " : "thread ") + me.threadId() : me.getName();
                spans.add(new FileSpan(worker, file.toString(), begin, end,
                        waitToGetIn + (waitedAfter - waitedBefore) / 1_000));
            }
        }
    }

    /** A workload that records its spans; the recorder stays in this JVM (it is not sent to worker JVMs). */
    private static final class Recorded implements Workload {
        private final Workload inner;
        private final transient Recorder recorder;

        Recorded(Workload inner, Recorder recorder) {
            this.inner = inner;
            this.recorder = recorder;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public FileResult process(Path file) {
            return recorder.process(inner, file);
        }
    }
}
