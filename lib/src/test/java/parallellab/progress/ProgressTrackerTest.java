package parallellab.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parallellab.work.FileResult;

class ProgressTrackerTest {

    private static final FileResult FAILED = new FileResult.Failed("/x.mp3", "test");

    @Test
    void countsFromManyThreadsAndKnowsWhenItIsComplete() {
        ProgressTracker tracker = new ProgressTracker();
        IntStream.range(0, 1000).parallel().forEach(i -> tracker.found(Path.of("f" + i)));
        assertThat(tracker.snapshot().walkFinished()).isFalse();
        tracker.walkFinished(1000);
        IntStream.range(0, 1000).parallel().forEach(i -> tracker.finished(FAILED));
        ProgressSnapshot snap = tracker.snapshot();
        assertThat(snap.done()).isEqualTo(1000);
        assertThat(snap.total()).isEqualTo(1000);
        assertThat(snap.complete()).isTrue();
        assertThat(snap.fraction()).isEqualTo(1.0);
        assertThat(snap.eta()).contains(Duration.ZERO);
    }

    @Test
    void printsDoneTotalRateAndEta() {
        ProgressSnapshot walking = new ProgressSnapshot(120, 250, false, Duration.ofMillis(2495), 48.1, Optional.of(Duration.ofMillis(2700)));
        assertThat(walking).hasToString("120/250+ files  48.1 files/s  ETA >2.7s");
        ProgressSnapshot walked = new ProgressSnapshot(120, 250, true, Duration.ofMillis(2495), 48.1, Optional.of(Duration.ofMillis(2700)));
        assertThat(walked).hasToString("120/250 files  48.1 files/s  ETA 2.7s");
        assertThat(new ProgressSnapshot(0, 3, false, Duration.ZERO, 0, Optional.empty())).hasToString("0/3+ files  0.0 files/s");
    }

    @Test
    void tickerShowsTheFinalCountAndItsThreadIsGoneAfterClose() throws Exception {
        ProgressTracker tracker = new ProgressTracker();
        List<ProgressSnapshot> shown = new CopyOnWriteArrayList<>();
        try (var ticker = tracker.every(Duration.ofMillis(10), shown::add)) {
            tracker.found(Path.of("a"));
            tracker.found(Path.of("b"));
            tracker.walkFinished(2);
            Thread.sleep(50);
            tracker.finished(FAILED);
            tracker.finished(FAILED);
        }
        assertThat(shown.getLast().complete()).isTrue();
        int after = shown.size();
        Thread.sleep(60);
        assertThat(shown).hasSize(after);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("progress-ticker"));
    }

    @Test
    void consoleBarEndsAtTheTotal() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressTracker tracker = new ProgressTracker();
        try (var bar = ConsoleProgress.show(tracker, "scan", new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 5; i++) {
                tracker.found(Path.of("f" + i));
            }
            tracker.walkFinished(5);
            for (int i = 0; i < 5; i++) {
                tracker.finished(FAILED);
            }
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("scan").contains("5/5");
    }
}
