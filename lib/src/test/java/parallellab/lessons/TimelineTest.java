package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parallellab.measure.FileSpan;
import parallellab.measure.Timeline;
import parallellab.plot.Charts;
import parallellab.scan.LibraryWalker;
import parallellab.work.TagsWorkload;

/** The timeline's data: every file once, on one worker, start before end, for every strategy. */
class TimelineTest {

    private static final Path SAMPLE = Lab.sample(Lab.library(), "", 10);

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "queue-threads", "queue-threads+gil", "executor", "virtual", "parallel-stream",
            "thread-local", "thread-subclass", "process-pool"})
    void everyFileOnceOnOneWorkerStartingBeforeItEnds(String strategy) throws Exception {
        boolean gil = strategy.endsWith("+gil");
        Timeline timeline = Timelines.scan(SAMPLE, new TagsWorkload(), strategy.replace("+gil", ""), 2, gil);

        List<String> files = LibraryWalker.audioFiles(SAMPLE).stream().map(p -> p.toAbsolutePath().toString()).sorted().toList();
        Map<String, List<FileSpan>> byFile = timeline.spans().stream().collect(Collectors.groupingBy(s -> Path.of(s.item()).toAbsolutePath().toString()));
        assertThat(byFile.keySet()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(byFile.values()).allSatisfy(spans -> assertThat(spans).hasSize(1));
        assertThat(timeline.spans()).allSatisfy(s -> {
            assertThat(s.startMicros()).isLessThan(s.endMicros());
            assertThat(s.startMicros()).isGreaterThanOrEqualTo(timeline.originMicros());
            assertThat(s.gilWaitMicros()).isBetween(0L, s.endMicros() - s.startMicros());
            assertThat(s.worker()).isNotBlank();
        });
        if (!strategy.startsWith("sequential") && !strategy.equals("virtual")) {
            assertThat(timeline.workers().size()).isBetween(1, 2);
        }
        assertThat(Charts.png(Charts.timeline(timeline))).isNotEmpty();
    }
}
