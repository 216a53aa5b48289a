package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parallellab.measure.FileSpan;
import parallellab.measure.Timeline;
import parallellab.plot.Charts;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.Strategies;
import parallellab.work.TagsWorkload;

/** The timeline's data, recorded by every scan: every file once, on one worker, start before end, for every strategy. */
class TimelineTest {

    private static final Path SAMPLE = Lab.sample(Lab.library(), "", 10);

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "queue-threads", "queue-threads+gil", "executor", "virtual", "parallel-stream",
            "thread-local", "thread-subclass", "process-pool"})
    void everyFileOnceOnOneWorkerStartingBeforeItEnds(String strategy) throws Exception {
        boolean gil = strategy.endsWith("+gil");
        String name = strategy.replace("+gil", "");
        ScanReport report = ScanReport.run(SAMPLE, Strategies.create(name, ScanOptions.workers(2).withGil(gil)), new TagsWorkload(), 2, ScanListener.NONE);
        Timeline timeline = report.timeline();

        assertEveryFileOnceOnOneWorker(timeline, SAMPLE);
        if (!name.equals("sequential") && !name.equals("virtual")) {
            assertThat(timeline.workers().size()).isBetween(1, 2);
        }
        assertThat(timeline.overlapsWithinAWorker()).as("a worker thread or JVM runs one file at a time").isEmpty();
        if (name.equals("process-pool")) {
            assertThat(timeline.workers()).allSatisfy(worker -> assertThat(worker).matches("pid \\d+"))
                    .noneMatch(worker -> worker.equals("pid " + ProcessHandle.current().pid()));
        }
        assertThat(Charts.png(Charts.timeline(report))).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void theLessonsTimelinesComeFromTheScan() throws Exception {
        Timeline gil = Timelines.scan(SAMPLE, new TagsWorkload(), "queue-threads", 2, true);
        assertEveryFileOnceOnOneWorker(gil, SAMPLE);
        Timeline pool = Timelines.pool(SAMPLE, new TagsWorkload(), 2, 3);
        assertEveryFileOnceOnOneWorker(pool, SAMPLE);
        assertThat(pool.filesPerWorker().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
    }

    @org.junit.jupiter.api.Test
    void withTheGilTheSpansKeepWhenEachWorkerWaitedForIt() throws Exception {
        Timeline on = Timelines.scan(SAMPLE, new parallellab.work.AnalyzeWorkload(1), "queue-threads", 2, true);
        assertEveryFileOnceOnOneWorker(on, SAMPLE);
        long waitedInIntervals = 0;
        for (FileSpan span : on.spans()) {
            long[] waits = span.gilWaits();
            for (int i = 0; i < waits.length; i += 2) {
                assertThat(waits[i]).as("a wait starts before it ends").isLessThanOrEqualTo(waits[i + 1]);
                // a wait lies inside its file's span (the clock is read to the microsecond on both sides)
                assertThat(waits[i]).isGreaterThanOrEqualTo(span.startMicros() - 1);
                assertThat(waits[i + 1]).isLessThanOrEqualTo(span.endMicros() + 1);
                waitedInIntervals += waits[i + 1] - waits[i];
            }
        }
        assertThat(waitedInIntervals).as("two CPU-bound threads under one GIL wait for each other").isPositive();
        Timeline off = Timelines.scan(SAMPLE, new parallellab.work.AnalyzeWorkload(1), "queue-threads", 2, false);
        assertThat(off.spans()).allSatisfy(s -> assertThat(s.gilWaits()).isEmpty());
        assertThat(Charts.png(Charts.timeline(on))).isNotEmpty();
    }

    /** Every audio file under {@code library} has exactly one span, on a named worker, inside the run. */
    static void assertEveryFileOnceOnOneWorker(Timeline timeline, Path library) {
        List<String> files = LibraryWalker.audioFiles(library).stream().map(p -> p.toAbsolutePath().toString()).toList();
        assertThat(timeline.problems(files)).isEmpty();
        assertThat(timeline.spans()).hasSize(files.size()).allSatisfy(s -> {
            assertThat(s.startMicros()).isLessThanOrEqualTo(s.endMicros());
            assertThat(s.gilWaitMicros()).isBetween(0L, s.endMicros() - s.startMicros());
            assertThat(s.retry()).isFalse();
        });
    }

    @org.junit.jupiter.api.Test
    void problemsNameTheFileMissingTheFileTwiceAndTheStranger() {
        long t = FileSpan.nowMicros();
        Timeline timeline = new Timeline(t, List.of(new FileSpan("w1", "/a", t, t + 5, 0), new FileSpan("w2", "/a", t + 1, t + 6, 0),
                new FileSpan("w1", "/c", t + 7, t + 9, 0)));
        assertThat(timeline.problems(List.of("/a", "/b"))).containsExactly("/a: 2 spans", "/b: 0 spans", "/c: a span, but it was not in the run");
        assertThat(timeline.filesPerWorker()).containsExactly(Map.entry("w1", 2L), Map.entry("w2", 1L));
        assertThat(timeline.overlapsWithinAWorker()).isEmpty();
        Timeline twoAtOnce = new Timeline(t, List.of(new FileSpan("w1", "/a", t, t + 5, 0), new FileSpan("w1", "/b", t + 4, t + 6, 0)));
        assertThat(twoAtOnce.overlapsWithinAWorker()).containsExactly("w1: /a | /b");
    }
}
