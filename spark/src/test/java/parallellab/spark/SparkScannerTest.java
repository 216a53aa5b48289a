package parallellab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.pool.ProcessPool;
import parallellab.scan.WorkloadTask;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import parallellab.work.Workloads;

/** One local[2] context for the whole class: starting Spark costs seconds. */
class SparkScannerTest {

    private static JavaSparkContext spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkScanner.startContext("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static SparkScanner scanner() {
        return SparkScanner.on(spark, ScanOptions.workers(2));
    }

    @Test
    void givesTheSequentialResultsInWalkOrder() throws Exception {
        Path library = TestLibrary.libraryOr(tmp);
        for (Workload workload : List.of(new TestLibrary.Fingerprint(), Workloads.named("tags"))) {
            List<FileResult> expected = new SequentialScanner().scan(library, workload);
            assertThat(expected).isNotEmpty();
            assertThat(scanner().scan(library, workload)).as(workload.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyFileIsOnTheTimelineOnceOnATaskThread() throws Exception {
        Path library = TestLibrary.libraryOr(tmp);
        parallellab.scan.ScanReport report = parallellab.scan.ScanReport.run(library, scanner(), new TestLibrary.Fingerprint(), 2, ScanListener.NONE);
        assertThat(report.timeline().problems(report.results().stream().map(FileResult::path).toList())).isEmpty();
        assertThat(report.timeline().spans()).hasSize(report.files()).allSatisfy(span -> {
            assertThat(span.startMicros()).isLessThanOrEqualTo(span.endMicros());
            assertThat(span.worker()).matches("driver thread \\d+");
            assertThat(span.retry()).isFalse();
        });
        // Spark's task threads come from a cached pool, so there may be more rows than cores; but a
        // thread runs one file at a time.
        assertThat(report.timeline().overlapsWithinAWorker()).isEmpty();
    }

    @Test
    void theCoreFindsThisModuleByName() {
        assertThat(parallellab.scan.Strategies.create("spark", ScanOptions.workers(2))).isInstanceOf(SparkScanner.class);
    }

    @Test
    void reportsEveryFileFoundAndFinished() throws Exception {
        Path library = TestLibrary.libraryOr(tmp);
        AtomicInteger found = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger total = new AtomicInteger(-1);
        List<FileResult> results = scanner().scan(library, new TestLibrary.Fingerprint(), new ScanListener() {
            @Override public void found(Path file) { found.incrementAndGet(); }
            @Override public void walkFinished(int n) { total.set(n); }
            @Override public void finished(FileResult result) { finished.incrementAndGet(); }
        });
        assertThat(results).hasSize(total.get());
        assertThat(found).hasValue(total.get());
        assertThat(finished).hasValue(total.get());
    }

    @Test
    void partitionsAreThePoolsChunks() {
        SparkScanner twoWorkers = scanner();
        assertThat(twoWorkers.partitionsFor(250)).isEqualTo(8); // chunksize ceil(250 / 8) = 32
        assertThat(twoWorkers.partitionsFor(3)).isEqualTo(3);
        assertThat(SparkScanner.on(spark, ScanOptions.workers(2).withChunksize(100)).partitionsFor(250)).isEqualTo(3);
        assertThat(new SparkScanner(ScanOptions.workers(3)).master()).isEqualTo("local[3]");
        assertThat(new SparkScanner(ScanOptions.workers(3), "spark://host:7077").master()).isEqualTo("spark://host:7077");
    }

    @Test
    void sparksMapWithThePoolsTaskGivesThePoolsList() throws Exception {
        Path library = TestLibrary.libraryOr(tmp);
        Workload tags = Workloads.named("tags");
        List<String> paths = parallellab.scan.LibraryWalker.audioFiles(library).stream().map(Path::toString).toList();
        WorkloadTask task = new WorkloadTask(tags);
        MapComparison compare = MapComparison.against(new SequentialScanner().scan(library, tags));

        List<FileResult> byPool = compare.time("pool", () -> {
            try (ProcessPool pool = ProcessPool.create(2)) {
                return pool.map(task, paths);
            }
        });
        List<FileResult> bySpark = compare.time("spark", () -> spark.parallelize(paths, 5).map(new PoolTaskFunction<>(task)).collect());
        compare.time("one file lost", () -> bySpark.subList(1, bySpark.size()));

        assertThat(bySpark).isEqualTo(byPool).hasSize(paths.size());
        assertThat(compare.table().booleanColumn("same_as_sequential").asList()).containsExactly(true, true, false);
    }

    @Test
    void localMastersShipNoJarsAndClassFoldersAreNotJars() {
        assertThat(SparkScanner.conf("local[2]").contains("spark.jars")).isFalse();
        // Tests run from target/classes: nothing that could be shipped to a cluster's executors.
        assertThat(SparkScanner.jarsForExecutors()).allMatch(jar -> jar.endsWith(".jar"));
    }

    @Test
    void anUnreachableMasterIsAOneLineErrorAtOnce() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> SparkScanner.startContext("spark://127.0.0.1:" + closedPort))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot reach the Spark master at spark://127.0.0.1:")
                .hasMessageNotContaining("\n");
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0)) {
            SparkScanner.requireReachable("spark://127.0.0.1:" + closedPort + ",127.0.0.1:" + listening.getLocalPort());
        }
    }

    @Test
    void anEmptyLibraryGivesNoResults() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("nothing-here"));
        assertThat(scanner().scan(empty, new TestLibrary.Fingerprint())).isEmpty();
    }

    @Test
    void aMissingFolderIsAOneLineError() {
        assertThatThrownBy(() -> scanner().scan(tmp.resolve("no-such-folder"), new TestLibrary.Fingerprint()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such folder");
    }

    @Test
    void stopsPromptlyWhenInterruptedAndTheContextStaysUsable() throws Exception {
        Path library = TestLibrary.smallLibrary(Files.createDirectories(tmp.resolve("slow")));
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread scan = new Thread(() -> {
            try {
                scanner().scan(library, new TestLibrary.Slow(60_000), new ScanListener() {
                    @Override public void walkFinished(int total) { started.countDown(); }
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        scan.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);
        scan.interrupt();
        scan.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(scan.isAlive()).as("scan thread still running after the interrupt").isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(scanner().scan(library, new TestLibrary.Fingerprint())).hasSize(25);
    }
}
