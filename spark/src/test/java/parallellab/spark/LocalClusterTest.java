package parallellab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.SequentialScanner;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;
import parallellab.work.Workloads;
import parallellab.spark.cluster.ClusterDemos;
import parallellab.spark.cluster.LocalCluster;

/**
 * A real standalone cluster on loopback: a master and 2 one-core workers, each its own JVM, and one
 * application (a context) for the scans. The tests run in order because the last ones stop the
 * application, then the cluster. Starting it all costs some 20 s on a busy machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {

    @TempDir
    static Path tmp;

    private static LocalCluster cluster;
    private static JavaSparkContext spark;
    private static final List<ProcessHandle> seen = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(LocalCluster.Options.anyFreePorts(2, 1, "1g"), tmp.resolve("cluster"));
        spark = SparkScanner.startContext(withTestClasses(SparkScanner.conf(cluster.masterUrl())));
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.close();
        }
        if (cluster != null) {
            cluster.stop();
        }
    }

    /** The executors also need this test's own workloads (TestLibrary is in the parent package's test classes). */
    private static SparkConf withTestClasses(SparkConf conf) {
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        return conf.set("spark.executor.extraClassPath", conf.get("spark.executor.extraClassPath", "") + java.io.File.pathSeparator + testClasses);
    }

    private static Path library() {
        String data = System.getProperty("parallellab.data");
        Path library = data == null ? Path.of("..", "data", "library") : Path.of(data, "library");
        assertThat(library.resolve("../manifest.csv")).as("the bundled library").exists();
        return library.toAbsolutePath();
    }

    private static SparkScanner scanner() {
        return SparkScanner.on(spark, ScanOptions.workers(2));
    }

    @Test
    @Order(1)
    void startsAMasterAndTwoWorkersOnLoopback() {
        LocalCluster.Status status = cluster.status();
        assertThat(status.masterUrl()).startsWith("spark://127.0.0.1:");
        assertThat(status.workers()).hasSize(2).allSatisfy(w -> {
            assertThat(w.address()).startsWith("127.0.0.1:");
            assertThat(w.state()).isEqualTo("ALIVE");
            assertThat(w.cores()).isEqualTo(1);
        });
        assertThat(status.applications()).hasSize(1);
        assertThat(LocalCluster.find(tmp.resolve("cluster"))).map(LocalCluster::masterUrl).hasValue(cluster.masterUrl());
        assertThat(cluster.logs()).allSatisfy(log -> assertThat(log).exists());
    }

    @Test
    @Order(2)
    void scansARelativeLibraryPathWithTagsLikeTheSequentialScan() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(library());
        assertThat(relative.isAbsolute()).isFalse();
        List<FileResult> expected = new SequentialScanner().scan(relative, Workloads.named("tags"));
        List<FileResult> onCluster = scanner().scan(relative, Workloads.named("tags"));
        assertThat(onCluster).containsExactlyElementsOf(expected);
        assertThat(onCluster).filteredOn(FileResult::ok).hasSizeGreaterThan(expected.size() - 10);
    }

    @Test
    @Order(3)
    void analyzesLikeTheSequentialScanAndCountsTheExecutorsCpu() throws Exception {
        AnalyzeWorkload analyze = new AnalyzeWorkload(1);
        List<FileResult> expected = new SequentialScanner().scan(library(), analyze);
        SparkScanner scanner = scanner();
        ScanReport report = ScanReport.run(library(), scanner, analyze, 2, ScanListener.NONE);
        assertThat(report.results()).containsExactlyElementsOf(expected.stream().sorted(java.util.Comparator.comparing(FileResult::path)).toList());
        ExecutorCpu.Totals executors = scanner.lastJob();
        // Counts, not times: every partition ran as a task, on both one-core executors.
        assertThat(executors.tasks()).isEqualTo(scanner.partitionsFor(expected.size()));
        assertThat(executors.tasksByExecutor()).hasSize(2);
        assertThat(executors.cpuSeconds()).isPositive();
        // The report counts the executors' CPU beside the driver's, so cpu/real means what it means for the pool.
        assertThat(report.timing().remoteCpuSeconds()).isEqualTo(executors.cpuSeconds());
        assertThat(report.timing().cpuSeconds()).isGreaterThan(report.timing().ownCpuSeconds() + executors.cpuSeconds() - 1e-9);
        // The timeline: every file once, one row per executor JVM, as many files on each as its tasks held.
        assertThat(report.timeline().problems(expected.stream().map(FileResult::path).toList())).isEmpty();
        assertThat(report.timeline().workers()).hasSize(2).allSatisfy(w -> assertThat(w).matches("executor \\d+ \\(.+\\)"));
    }

    @Test
    @Order(4)
    void anExecutorThatCannotSeeTheLibraryIsOneLineNamingItsHostAndThePath() throws Exception {
        Path missing = tmp.resolve("not-shared");
        List<String> paths = new LibraryWalker().list(library()).stream().limit(4).map(Path::toString).toList();
        assertThatThrownBy(() -> scanner().runJob(spark, missing, paths, Workloads.named("tags"), ScanListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("executor \\d+ on host \\S+ cannot see the library folder " + java.util.regex.Pattern.quote(missing.toString()) + " .*")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    @Order(5)
    void aKilledExecutorsTasksAreRetriedAndEveryFileIsReportedOnce() throws Exception {
        Path library = library();
        List<FileResult> expected = new SequentialScanner().scan(library, new TestLibrary.Slow(40));
        CountDownLatch someFinished = new CountDownLatch(20);
        SparkScanner scanner = scanner();
        parallellab.measure.Timeline.Recorder spans = parallellab.measure.Timeline.recording();
        CompletableFuture<List<FileResult>> scan = ClusterDemos.scanInBackground(scanner, library, new TestLibrary.Slow(40), someFinished, spans);
        assertThat(someFinished.await(120, TimeUnit.SECONDS)).as("the first partition finished").isTrue();
        List<ProcessHandle> executors = cluster.executors();
        assertThat(executors).hasSize(2);
        seen.addAll(executors);
        executors.getFirst().destroyForcibly();   // kill -9
        List<FileResult> results = scan.get(180, TimeUnit.SECONDS);
        assertThat(results).containsExactlyElementsOf(expected);
        assertThat(results.stream().map(FileResult::path).distinct()).hasSize(expected.size());
        assertThat(scanner.lastJob().failedTasks()).as("tasks lost with the executor").isPositive();
        // The lost tasks' spans died with the executor; their retries are on the timeline, marked.
        assertThat(spans.timeline().problems(expected.stream().map(FileResult::path).toList())).isEmpty();
        assertThat(spans.timeline().retries()).isNotEmpty();
    }

    @Test
    @Order(6)
    void anExecutorThatCannotLaunchGivesTheMastersReasonInOneLine() throws Exception {
        spark.close();    // frees the workers' cores for the next application
        spark = null;
        // Each worker creates a folder per executor before it launches it; a file in the way of those
        // folders means no executor can launch, and the master removes the application after 10 tries.
        List<Path> workFolders = List.of(cluster.workFolder().resolve("worker-1"), cluster.workFolder().resolve("worker-2"));
        for (Path folder : workFolders) {
            Files.move(folder, folder.resolveSibling(folder.getFileName() + ".moved"));
            Files.writeString(folder, "not a folder");
        }
        try (JavaSparkContext doomed = SparkScanner.startContext(SparkScanner.conf(cluster.masterUrl()))) {
            assertThatThrownBy(() -> SparkScanner.on(doomed, ScanOptions.workers(2)).scan(library(), Workloads.named("tags")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("master")
                    .hasMessageNotContaining("Cannot call methods on a stopped SparkContext")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            for (Path folder : workFolders) {
                Files.deleteIfExists(folder);
                Files.move(folder.resolveSibling(folder.getFileName() + ".moved"), folder);
            }
        }
    }

    @Test
    @Order(7)
    void stopLeavesNoProcessOfTheCluster() {
        List<ProcessHandle> all = new ArrayList<>(cluster.processes().toList());
        all.addAll(seen);
        assertThat(all).isNotEmpty();
        cluster.stop();
        assertThat(all).noneMatch(ProcessHandle::isAlive);
        assertThat(cluster.processes()).isEmpty();
        assertThat(LocalCluster.find(tmp.resolve("cluster"))).isEmpty();
        assertThat(Files.exists(tmp.resolve("cluster").resolve("cluster.json"))).isFalse();
    }
}
