package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import tech.tablesaw.api.Table;

/** Every correct thread scanner: same results as sequential, survives failures and interrupts, leaves no thread. */
class ThreadScannersTest {

    @TempDir
    Path tmp;

    static List<String> strategies() {
        return LeftoverThreads.correctThreadStrategies();
    }

    private static void assertSameResults(LibraryScanner scanner, List<FileResult> actual, List<FileResult> expected) {
        if (scanner.ordered()) {
            assertThat(actual).containsExactlyElementsOf(expected);
        } else {
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void returnsWhatSequentialReturns(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 37, 7);
        Workload checksum = new TestWorkloads.Checksum();
        List<FileResult> expected = new SequentialScanner().scan(library, checksum);

        LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(3));
        TestWorkloads.Recording recording = new TestWorkloads.Recording();
        List<FileResult> actual = scanner.scan(library, recording);

        assertThat(expected).hasSize(37).anyMatch(r -> !r.ok());
        assertSameResults(scanner, actual, expected);
        assertThat(LeftoverThreads.after(LeftoverThreads.prefixOf(strategy), recording.threads)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void returnsWhatSequentialReturnsOnTheBundledLibrary(String strategy) throws Exception {
        Path library = TestLibraries.bundled().orElseGet(() -> TestLibraries.generate(tmp, 60, 11));
        for (Workload workload : List.of(new TestWorkloads.Checksum(), Workloads.named("tags"))) {
            List<FileResult> expected = new SequentialScanner().scan(library, workload);
            LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(2));
            assertSameResults(scanner, scanner.scan(library, workload), expected);
        }
        assertThat(LeftoverThreads.after(LeftoverThreads.prefixOf(strategy), Set.of())).isEmpty();
    }

    @Test
    void theRealWorkloadsAgreeWithSequentialOnASmallSample() throws Exception {
        Path source = TestLibraries.bundled().orElseGet(() -> TestLibraries.generate(tmp.resolve("generated"), 30, 12));
        Path sample = tmp.resolve("sample");
        TestLibraries.randomSubset(source, sample, 2026);
        List<Path> files = LibraryWalker.audioFiles(sample);
        for (int i = 6; i < files.size(); i++) {
            Files.delete(files.get(i));
        }
        for (String name : Workloads.names()) {
            Workload workload = Workloads.named(name);
            List<FileResult> expected = new SequentialScanner().scan(sample, workload);
            // External programs are slow to start; two strategies are enough to cover them.
            List<String> strategies = name.equals("external") ? List.of("queue-threads", "virtual") : strategies();
            for (String strategy : strategies) {
                LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(2));
                assertSameResults(scanner, scanner.scan(sample, workload), expected);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void reportsProgressToTheListener(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 23, 3);
        AtomicInteger found = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Integer> total = new AtomicReference<>();
        ScanListener listener = new ScanListener() {
            @Override
            public void found(Path file) {
                found.incrementAndGet();
            }

            @Override
            public void walkFinished(int count) {
                total.set(count);
            }

            @Override
            public void finished(FileResult result) {
                finished.incrementAndGet();
            }
        };
        Strategies.create(strategy, ScanOptions.workers(2)).scan(library, new TestWorkloads.Checksum(), listener);
        assertThat(found).hasValue(23);
        assertThat(total).hasValue(23);
        assertThat(finished).hasValue(23);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aWorkloadThatThrowsFailsOneFileNotTheScan(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 20, 5);
        Path bomb = Files.writeString(library.resolve("artist-0").resolve("bomb.mp3"), "tick");
        Workload throwing = new TestWorkloads.Throwing("bomb");

        List<FileResult> results = Strategies.create(strategy, ScanOptions.workers(2)).scan(library, throwing);

        assertThat(results).hasSize(21);
        assertThat(results).filteredOn(r -> r.path().equals(bomb.toAbsolutePath().toString()))
                .singleElement()
                .isInstanceOfSatisfying(FileResult.Failed.class, failed -> assertThat(failed.reason()).contains("throwing crashed", "boom on bomb.mp3"));
        assertThat(results).filteredOn(FileResult::ok).hasSize(18);
        assertThat(LeftoverThreads.after(LeftoverThreads.prefixOf(strategy), Set.of())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(120) // a hang would be the failure: without it a worker dying on every file leaves join() waiting forever
    void aWorkloadErrorOnEveryFileFailsEachFileAndTheScanEnds(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 12, 6);

        List<FileResult> results = Strategies.create(strategy, ScanOptions.workers(2)).scan(library, new TestWorkloads.ClassMissing());

        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r)
                .isInstanceOfSatisfying(FileResult.Failed.class, failed -> assertThat(failed.reason()).contains("NoClassDefFoundError")));
        assertThat(LeftoverThreads.after(LeftoverThreads.prefixOf(strategy), Set.of())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anInterruptStopsTheScanAndEveryWorker(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 40, 9);
        TestWorkloads.Slow slow = new TestWorkloads.Slow(Duration.ofSeconds(20));
        LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(2));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(scanner.scan(library, slow));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "notebook-cell");
        caller.start();
        assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("scan still running 10 s after the interrupt").isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(LeftoverThreads.after(LeftoverThreads.prefixOf(strategy), slow.threads)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aMissingFolderIsAOneLineErrorAndStartsNoThread(String strategy) {
        LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(2));
        assertThatThrownBy(() -> scanner.scan(tmp.resolve("nowhere"), new TestWorkloads.Checksum()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no such folder");
        assertThat(LeftoverThreads.alive(LeftoverThreads.prefixOf(strategy), Set.of())).isEmpty();
    }

    @Test
    void queueThreadsReleasesItsWorkersSoRepeatedRunsDoNotPileUp() throws Exception {
        Path library = TestLibraries.generate(tmp, 12, 1);
        LibraryScanner scanner = new QueueThreadScanner(ScanOptions.workers(4));
        Set<Thread> everyWorker = ConcurrentHashMap.newKeySet();
        int baseline = Thread.getAllStackTraces().size();

        for (int run = 0; run < 20; run++) {
            TestWorkloads.Recording recording = new TestWorkloads.Recording();
            assertThat(scanner.scan(library, recording)).hasSize(12);
            everyWorker.addAll(recording.threads);
            assertThat(LeftoverThreads.alive(QueueThreadScanner.WORKER_NAME, recording.threads)).as("run %d", run).isEmpty();
        }

        assertThat(everyWorker).hasSizeGreaterThan(20);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(QueueThreadScanner.WORKER_NAME));
        // 20 runs of 4 workers would have piled up 80 threads; allow for a JVM thread or two starting meanwhile.
        assertThat(Thread.getAllStackTraces().size()).isLessThanOrEqualTo(baseline + 2);
    }

    @Test
    void theVariantsOfExecutorAndVirtualStillAgreeAndLeaveNoThread() throws Exception {
        Path library = TestLibraries.generate(tmp, 30, 4);
        List<FileResult> expected = new SequentialScanner().scan(library, new TestWorkloads.Checksum());
        VirtualThreadScanner unlimited = new VirtualThreadScanner(ScanOptions.workers(2)).withoutLimit();
        ExecutorScanner asCompleted = new ExecutorScanner(ScanOptions.workers(3)).withCompletionService();

        assertThat(unlimited.limit()).isZero();
        assertThat(unlimited.scan(library, new TestWorkloads.Checksum())).containsExactlyElementsOf(expected);
        assertThat(asCompleted.ordered()).isFalse();
        assertThat(asCompleted.scan(library, new TestWorkloads.Checksum())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(LeftoverThreads.after(ExecutorScanner.WORKER_NAME, Set.of())).isEmpty();
    }

    @Test
    void theThreadCensusSeesTheWorkersDuringARunAndNoneAfter() throws Exception {
        Path library = TestLibraries.generate(tmp, 12, 7);

        Table census = ThreadCensus.acrossRuns(new QueueThreadScanner(ScanOptions.workers(3)), library,
                new TestWorkloads.Checksum(), 3, QueueThreadScanner.WORKER_NAME);

        assertThat(census.rowCount()).isEqualTo(4);
        assertThat(census.intColumn("workers_during_run").asList().subList(1, 4)).containsOnly(3);
        assertThat(census.intColumn("workers_alive_after").asList()).containsOnly(0);
        assertThat(ThreadCensus.scannerWorkers().rowCount()).isZero();
    }
}
