package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parallellab.work.Analysis;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import parallellab.work.Workload;
import parallellab.work.Workloads;

/** The process-pool scanner returns exactly what the sequential one does, and survives a dying worker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolScannerTest {

    @TempDir
    Path temp;

    @AfterEach
    void noWorkerRemains() throws InterruptedException {
        for (int i = 0; i < 100 && !workers().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(workers()).isEmpty();
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("parallellab.pool.Worker")).orElse(true))
                .filter(ProcessHandle::isAlive).toList();
    }

    private static LibraryScanner pool(int workers, int chunksize) {
        return Strategies.create("process-pool", ScanOptions.workers(workers).withChunksize(chunksize));
    }

    @Test
    void sameResultsAsSequentialOnAGeneratedLibrary() throws InterruptedException {
        Path library = TestLibraries.generate(temp.resolve("lib"), 40, 7);
        Workload workload = new TestWorkloads.Checksum();
        AtomicInteger found = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        ScanListener counting = new ScanListener() {
            @Override
            public void found(Path file) {
                found.incrementAndGet();
            }

            @Override
            public void finished(FileResult result) {
                finished.incrementAndGet();
            }
        };
        List<FileResult> expected = new SequentialScanner().scan(library, workload);
        assertThat(pool(2, 0).scan(library, workload, counting)).isEqualTo(expected);
        assertThat(pool(2, 3).scan(library, workload)).isEqualTo(expected);
        assertThat(found.get()).isEqualTo(finished.get()).isEqualTo(expected.size());
        assertThat(pool(2, 0).ordered()).isTrue();
    }

    @Test
    void sameResultsAsSequentialOnTheBundledLibraryAndARandomSubset() throws InterruptedException {
        Path bundled = TestLibraries.bundled().orElse(null);
        Assumptions.assumeTrue(bundled != null, "no bundled library (-Dlab.data)");
        Workload tags = Workloads.named("tags");
        assertThat(pool(2, 0).scan(bundled, tags)).isEqualTo(new SequentialScanner().scan(bundled, tags));
        Path subset = TestLibraries.randomSubset(bundled, temp.resolve("subset"), 11);
        assertThat(pool(2, 0).scan(subset, tags)).isEqualTo(new SequentialScanner().scan(subset, tags));
    }

    @Test
    void aThrowingWorkloadFailsOnlyItsFile() throws InterruptedException {
        Path library = TestLibraries.generate(temp.resolve("lib"), 12, 3);
        List<FileResult> results = pool(2, 2).scan(library, new TestWorkloads.Throwing("05 track"));
        assertThat(results).hasSize(12);
        assertThat(results).filteredOn(r -> r.path().contains("05 track")).singleElement()
                .isInstanceOfSatisfying(FileResult.Failed.class, f -> assertThat(f.reason()).contains("IllegalStateException").contains("boom on"));
        assertThat(results).filteredOn(FileResult::ok).hasSize(10);
    }

    @Test
    void aKilledWorkerFailsThePendingFilesWithItsReasonAndNeverHangs() throws InterruptedException {
        Path library = TestLibraries.generate(temp.resolve("lib"), 8, 5);
        Thread killer = Thread.ofPlatform().start(() -> {
            try {
                while (workers().size() < 2) {
                    Thread.sleep(50);
                }
                Thread.sleep(1500);
                workers().get(0).destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<FileResult> results = pool(2, 1).scan(library, new Sleepy(20_000));
        killer.join();
        assertThat(results).hasSize(8).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(FileResult.Failed.class,
                f -> assertThat(f.reason()).contains("worker").contains("exited with code 137")));
    }

    @Test
    void aFileOverItsBudgetFailsItsWorkerIsReplacedAfterTheChunkAndTheThreadIsCounted() throws InterruptedException {
        Path library = TestLibraries.generate(temp.resolve("lib"), 6, 5);
        LibraryScanner scanner = Strategies.create("process-pool", ScanOptions.workers(1).withChunksize(1));
        FileBudget budget = new SpinsOn("01 track").withBudget(Duration.ofMillis(500));

        List<FileResult> results = scanner.scan(library, budget);

        assertThat(budget.abandoned()).as("the thread abandoned in the worker, counted in the parent").isEqualTo(1);
        assertThat(budget.summaryLine()).startsWith("1 thread could not be stopped");

        assertThat(results).hasSize(6);
        int stuck = IntStream.range(0, 6).filter(i -> results.get(i).path().contains("01 track")).findFirst().orElseThrow();
        assertThat(results.get(stuck)).isInstanceOfSatisfying(FileResult.Failed.class,
                f -> assertThat(f.reason()).startsWith("gave up after 0.5 s"));
        assertThat(stuck).as("the stuck file is neither first nor last in the walk").isStrictlyBetween(0, 5);
        // One worker, one file a chunk, in walk order: the files before ran in the first worker, the files after in its replacement.
        List<String> before = results.subList(0, stuck).stream().map(ProcessPoolScannerTest::pid).distinct().toList();
        List<String> after = results.subList(stuck + 1, 6).stream().map(ProcessPoolScannerTest::pid).distinct().toList();
        assertThat(before).hasSize(1);
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void theChunkTimeoutAllowsEveryFileItsBudgetAndGrace() {
        Workload budgeted = new Sleepy(1).withBudget(Duration.ofSeconds(3));
        assertThat(ProcessPoolScanner.chunkTimeout(budgeted, 4)).isEqualTo(Duration.ofSeconds(4 * 4).plus(ProcessPoolScanner.CHUNK_SLACK));
        assertThat(ProcessPoolScanner.chunkTimeout(new Sleepy(1), 4)).as("no budget, no timeout").isNull();
    }

    private static String pid(FileResult result) {
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        return ((FileResult.Ok) result).song().title();
    }

    /** Spins for ever on files whose name contains {@code stuck}, deaf to interrupts; on the others, says which worker ran it. */
    record SpinsOn(String stuck) implements Workload {
        static volatile boolean release;

        @Override
        public String name() {
            return "spins-on";
        }

        @Override
        public FileResult process(Path file) {
            if (file.getFileName().toString().contains(stuck)) {
                while (!release) {
                    Thread.onSpinWait();
                }
            }
            String pid = String.valueOf(ProcessHandle.current().pid());
            return new FileResult.Ok(file, new SongData("test", pid, "", "", 0, 0, "", 0, 0, 0, 0, 0), Analysis.NONE);
        }
    }

    /** Sleeps on every file: slow enough to kill a worker in the middle. */
    record Sleepy(long millis) implements Workload {
        @Override
        public String name() {
            return "sleepy";
        }

        @Override
        public FileResult process(Path file) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FileResult.Failed(file, "slept");
        }
    }
}
