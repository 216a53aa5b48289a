package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.fuzz.StuckFlac;
import parallellab.scan.ScanOptions;
import parallellab.scan.Strategies;
import parallellab.testing.Manifest;
import org.junit.jupiter.api.io.TempDir;

class FileBudgetTest {

    @TempDir
    Path dir;

    /** Set at the end of each test so that a spinning test workload ends and leaves no thread. */
    private static final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void releaseSpinners() throws Exception {
        release.set(true);
        assertThat(helpersAliveAfter(Duration.ofSeconds(5))).as("helper threads left").isEmpty();
        release.set(false);
    }

    /** Reads nothing: returns at once, or spins ignoring interrupts, or sleeps (which an interrupt ends). */
    record Fake(String mode) implements Workload {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public FileResult process(Path file) {
            if (file.getFileName().toString().startsWith("spin")) {
                while (!release.get()) {
                    Thread.onSpinWait(); // a decoder's loop that never looks at the interrupt
                }
            } else if (file.getFileName().toString().startsWith("sleep")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new FileResult.Failed(file, "interrupted");
                }
            }
            return new FileResult.Ok(file, null, Analysis.NONE);
        }
    }

    @Test
    void aFileThatIgnoresTheInterruptIsAbandonedAndTheNextFileGetsAFreshHelper() {
        FileBudget work = new Fake("").withBudget(Duration.ofMillis(200));

        FileResult stuck = work.process(Path.of("spin.flac"));
        FileResult next = work.process(Path.of("ok.flac"));

        assertThat(stuck).isEqualTo(new FileResult.Failed(Path.of("spin.flac"), "gave up after 0.2 s (the decoder did not finish; the file may be corrupt)"));
        assertThat(next.ok()).isTrue();
        assertThat(work.abandoned()).isEqualTo(1);
        assertThat(work.summaryLine()).startsWith("1 thread could not be stopped");
        assertThat(threadsNamed("file-budget-abandoned-")).hasSize(1);
    }

    @Test
    void aFileThatListensToTheInterruptStopsAndNothingIsAbandoned() {
        FileBudget work = new Fake("").withBudget(Duration.ofMillis(100));

        assertThat(work.process(Path.of("sleep.mp3")).toString()).contains("gave up after 0.1 s");
        assertThat(work.process(Path.of("ok.mp3")).ok()).isTrue();
        assertThat(work.abandoned()).isZero();
        assertThat(work.summaryLine()).isEmpty();
    }

    @Test
    void theWatchdogInterruptsAFileOverBudgetOnTheCallersOwnThreadAndLeavesNoInterruptBehind() {
        FileBudget work = new FileBudget(new Fake(""), Duration.ofMillis(100), FileBudget.Mode.WATCHDOG);
        Thread caller = Thread.currentThread();

        FileResult slow = work.process(Path.of("sleep.m4a"));
        boolean interruptLeft = Thread.interrupted();
        FileResult next = work.process(Path.of("ok.m4a"));

        assertThat(slow).isEqualTo(new FileResult.Failed(Path.of("sleep.m4a"), "gave up after 0.1 s (the decoder did not finish; the file may be corrupt)"));
        assertThat(interruptLeft).isFalse();
        assertThat(next.ok()).isTrue();
        assertThat(Thread.currentThread()).isSameAs(caller);
        assertThat(work.abandoned()).isZero();
    }

    @Test
    void interruptingTheCallerStopsTheFileAndKeepsTheInterrupt() throws Exception {
        FileBudget work = new Fake("").withBudget(Duration.ofMinutes(5));
        AtomicReference<FileResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            started.countDown();
            result.set(work.process(Path.of("sleep.ogg")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        started.await();
        Thread.sleep(100);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get()).isEqualTo(new FileResult.Failed(Path.of("sleep.ogg"), "interrupted"));
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void aScannerSetUpWithAFileTimeoutGivesUpOnTheStuckFileAndFinishesTheOthers() throws Exception {
        for (String name : List.of("spin.wav", "a.wav", "b.wav", "c.wav")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        ScanOptions options = ScanOptions.workers(2).withFileTimeout(Duration.ofMillis(300));

        List<FileResult> results = Strategies.create("executor", options).scan(dir, new Fake(""));

        assertThat(results).hasSize(4);
        assertThat(results).filteredOn(FileResult::ok).hasSize(3);
        assertThat(results).filteredOn(r -> !r.ok()).singleElement()
                .isEqualTo(new FileResult.Failed(dir.resolve("spin.wav"), "gave up after 0.3 s (the decoder did not finish; the file may be corrupt)"));
    }

    /** Every in-process strategy (the exit-when-empty trap aside, which may lose files by design). */
    static List<String> inProcessStrategies() {
        return List.of("sequential", "queue-threads", "executor", "virtual", "parallel-stream", "thread-local", "thread-subclass");
    }

    @ParameterizedTest
    @MethodSource("inProcessStrategies")
    void underEveryInProcessStrategyAFileDeafToTheInterruptFailsItsHelperIsCountedAndTheScanCompletes(String strategy) throws Exception {
        for (String name : List.of("a.wav", "b.wav", "spin.wav", "c.wav", "d.wav")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        FileBudget work = new Fake("").withBudget(Duration.ofMillis(100));

        List<FileResult> results = Strategies.create(strategy, ScanOptions.workers(2)).scan(dir, work);

        assertThat(results).hasSize(5);
        assertThat(results).filteredOn(FileResult::ok).hasSize(4);
        assertThat(results).filteredOn(r -> !r.ok()).singleElement()
                .isEqualTo(new FileResult.Failed(dir.resolve("spin.wav"), "gave up after 0.1 s (the decoder did not finish; the file may be corrupt)"));
        assertThat(work.abandoned()).isEqualTo(1);
        assertThat(work.summaryLine()).startsWith("1 thread could not be stopped");
    }

    @Test
    void interruptingAScanWhoseBudgetRunsInlineEndsIt() throws Exception {
        for (String name : List.of("a.wav", "sleep.wav", "b.wav")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        FileBudget work = new Fake("").withBudget(Duration.ofMinutes(5));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                Strategies.create("sequential", ScanOptions.workers(1)).scan(dir, work);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("the interrupted scan has ended").isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void resultsPassThroughAndTheBudgetKeepsTheWorkloadsName() {
        FileBudget work = new TagsWorkload().withDefaultBudget();

        assertThat(work.name()).isEqualTo("tags");
        assertThat(work.mode()).isEqualTo(FileBudget.Mode.HAND_OFF);
        assertThat(new AnalyzeWorkload(5).withDefaultBudget().mode()).isEqualTo(FileBudget.Mode.HAND_OFF);
        assertThat(work.budget()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new AnalyzeWorkload(5).withDefaultBudget().budget()).isEqualTo(Duration.ofSeconds(20));
        assertThat(work.withBudget(Duration.ofSeconds(3)).work()).isEqualTo(new TagsWorkload());
        assertThat(work.process(dir.resolve("missing.mp3"))).isEqualTo(new TagsWorkload().process(dir.resolve("missing.mp3")));
        assertThatThrownBy(() -> new TagsWorkload().withBudget(Duration.ZERO)).hasMessageContaining("more than 0");
    }

    @Test
    void theStuckFlacEndsAsAFailureWithoutTheBudget() throws Exception {
        Path flac = StuckFlac.write(Manifest.require().library(), dir.resolve("stuck.flac"));

        FileResult result = new AnalyzeWorkload(3).process(flac);

        assertThat(result.ok()).isFalse();
        assertThat(((FileResult.Failed) result).reason()).startsWith("corrupt flac: the decoder stopped making progress at byte");
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).toList();
    }

    private static List<Thread> helpersAliveAfter(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<Thread> alive = threadsNamed("file-budget-");
        while (!alive.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
            alive = threadsNamed("file-budget-");
        }
        return alive;
    }
}
