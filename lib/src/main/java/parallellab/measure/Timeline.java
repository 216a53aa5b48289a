package parallellab.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Who processed which file, and when: the data behind the worker timeline chart, one
 * {@link FileSpan} per file, measured from {@code originMicros} (when the run started).
 *
 * <p>The scanners record the spans themselves, in the one per-file step every worker runs
 * ({@code ScanSkeleton.timed}), so every strategy has a timeline: {@code ScanReport.timeline()}.
 * A {@link Recorder} collects spans as they arrive, from any thread; spans from worker JVMs and
 * Spark executors travel back beside their results. The cost is two clock reads, one small record
 * and a queue add per file.
 */
public record Timeline(long originMicros, List<FileSpan> spans) {

    public Timeline {
        spans = spans.stream().sorted(Comparator.comparingLong(FileSpan::startMicros)).toList();
    }

    /** A timeline with no spans yet, starting now. */
    public static Timeline empty() {
        return new Timeline(FileSpan.nowMicros(), List.of());
    }

    /** The workers in the order they first started a file. */
    public List<String> workers() {
        return spans.stream().map(FileSpan::worker).distinct().toList();
    }

    /** How many files each worker processed (tasks per executor, on Spark), in {@link #workers()} order. */
    public Map<String, Long> filesPerWorker() {
        Map<String, Long> counts = new LinkedHashMap<>();
        spans.forEach(span -> counts.merge(span.worker(), 1L, Long::sum));
        return counts;
    }

    /** The spans of files run again (Spark retries the tasks of a lost executor). */
    public List<FileSpan> retries() {
        return spans.stream().filter(FileSpan::retry).toList();
    }

    /**
     * What is wrong with this timeline as the record of a run over {@code items}, one line each: an
     * item with no span, an item with two or more, a span of something not asked for, a span outside the run. Empty when each item
     * was processed once, on one worker, within the run.
     */
    public List<String> problems(java.util.Collection<String> items) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        spans.forEach(span -> seen.merge(span.item(), 1L, Long::sum));
        for (String item : items) {
            long n = seen.getOrDefault(item, 0L);
            if (n != 1) {
                problems.add(item + ": " + n + " spans");
            }
        }
        java.util.Set<String> asked = new java.util.HashSet<>(items);
        for (FileSpan span : spans) {
            if (!asked.contains(span.item())) {
                problems.add(span.item() + ": a span, but it was not in the run");
            }
            if (span.startMicros() < originMicros || span.worker().isBlank()) {
                problems.add(span.item() + ": starts before the run or has no worker: " + span);
            }
        }
        return problems;
    }

    /**
     * Spans of one worker that overlap in time, as "worker: a | b" lines: none for a thread, which
     * processes one file at a time; a worker that is a whole JVM or executor with many threads may.
     */
    public List<String> overlapsWithinAWorker() {
        List<String> overlaps = new ArrayList<>();
        Map<String, FileSpan> last = new LinkedHashMap<>();
        for (FileSpan span : spans) {   // sorted by start
            FileSpan before = last.put(span.worker(), span);
            if (before != null && before.endMicros() > span.startMicros()) {
                overlaps.add(span.worker() + ": " + before.item() + " | " + span.item());
            }
        }
        return overlaps;
    }

    /** Starts a recording whose origin is now: {@link Recorder#add} spans as they come, then {@link Recorder#timeline}. */
    public static Recorder recording() {
        return new Recorder(FileSpan.nowMicros());
    }

    /** Collects spans from any number of worker threads. */
    public static final class Recorder {
        private final long originMicros;
        private final ConcurrentLinkedQueue<FileSpan> spans = new ConcurrentLinkedQueue<>();

        private Recorder(long originMicros) {
            this.originMicros = originMicros;
        }

        public void add(FileSpan span) {
            spans.add(span);
        }

        public Timeline timeline() {
            return new Timeline(originMicros, new ArrayList<>(spans));
        }
    }
}
