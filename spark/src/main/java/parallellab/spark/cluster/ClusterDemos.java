package parallellab.spark.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import parallellab.measure.FileSpan;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.spark.ExecutorCpu;
import parallellab.spark.SparkScanner;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lesson 06's cluster demonstrations: the same scan side by side on several masters, and an
 * executor killed in the middle of a job. The lesson is in what the tables show; the plumbing
 * (a background scan, a latch, a kill) lives here.
 *
 * <p>The kill is the cluster's counterpart of {@code PoolDemos.killAWorker}: there, one dead worker
 * breaks the pool ({@code BrokenProcessPoolException}); here the driver notices the lost executor,
 * runs its tasks again on the other one, and the worker starts a new executor.
 */
public final class ClusterDemos {

    private ClusterDemos() {}

    /**
     * One row per scan, named by {@code masters}: real time, the driver's and the executors' CPU, cpu/real, and whether the
     * results equal the first scan's file by file.
     */
    public static Table sideBySide(List<String> masters, List<ScanReport> reports) {
        List<FileResult> reference = reports.getFirst().results();
        return Table.create("the same " + reports.getFirst().workload() + " scan on each master",
                StringColumn.create("master", masters),
                DoubleColumn.create("real_s", reports.stream().mapToDouble(r -> r.timing().realSeconds())),
                DoubleColumn.create("driver_cpu_s", reports.stream().mapToDouble(r -> r.timing().ownCpuSeconds())),
                DoubleColumn.create("executor_cpu_s", reports.stream().mapToDouble(r -> r.timing().workerCpuSeconds())),
                DoubleColumn.create("cpu_real", reports.stream().mapToDouble(r -> r.timing().coresUsed())),
                BooleanColumn.create("same_results", reports.stream().map(r -> r.results().equals(reference)).toList()));
    }

    /**
     * Scans {@code library} on the cluster's context and, once {@code afterFiles} results are in,
     * kills one executor JVM with SIGKILL ({@code kill -9}). Returns what happened, in order.
     */
    public static Table killAnExecutor(LocalCluster cluster, JavaSparkContext spark, Path library, Workload workload, int afterFiles)
            throws InterruptedException {
        return killAnExecutor(cluster, spark, library, workload, afterFiles, parallellab.measure.Timeline.recording());
    }

    /**
     * {@link #killAnExecutor(LocalCluster, JavaSparkContext, Path, Workload, int)}, also recording the
     * scan's worker timeline in {@code spans}: one row per executor, the tasks run again marked as
     * retries, for {@code Charts.timeline(spans.timeline())}.
     */
    public static Table killAnExecutor(LocalCluster cluster, JavaSparkContext spark, Path library, Workload workload, int afterFiles,
                                       parallellab.measure.Timeline.Recorder spans) throws InterruptedException {
        Timeline timeline = new Timeline();
        SparkScanner scanner = SparkScanner.on(spark, ScanOptions.workers(2));
        CountDownLatch started = new CountDownLatch(afterFiles);
        List<ProcessHandle> before = cluster.executors();
        timeline.add("scan started; executor JVMs " + pids(before));
        CompletableFuture<List<FileResult>> scan = scanInBackground(scanner, library, workload, started, spans);
        try {
            if (started.await(5, TimeUnit.MINUTES) && !before.isEmpty()) {
                ProcessHandle victim = before.getFirst();
                victim.destroyForcibly();
                timeline.add("kill -9 " + victim.pid() + " after " + afterFiles + " files");
            }
            List<FileResult> results = scan.join();
            ExecutorCpu.Totals job = scanner.lastJob();
            timeline.add(String.format(Locale.ROOT, "scan complete: %d results for %d distinct files; %d tasks lost and run again; tasks per executor %s",
                    results.size(), results.stream().map(FileResult::path).distinct().count(), job.failedTasks(), job.tasksByExecutor()));
            timeline.add("executor JVMs now " + pids(cluster.executors()) + " (the worker replaced the one killed)");
            return timeline.table("an executor killed in the middle of a job");
        } catch (InterruptedException e) {
            scan.cancel(true);
            throw e;
        }
    }

    /** Starts a scan on another thread; {@code filesDone} counts down as results arrive. */
    public static CompletableFuture<List<FileResult>> scanInBackground(SparkScanner scanner, Path library, Workload workload, CountDownLatch filesDone) {
        return scanInBackground(scanner, library, workload, filesDone, parallellab.measure.Timeline.recording());
    }

    /** The same, adding each file's span to {@code spans} as it arrives. */
    public static CompletableFuture<List<FileResult>> scanInBackground(SparkScanner scanner, Path library, Workload workload, CountDownLatch filesDone,
                                                                       parallellab.measure.Timeline.Recorder spans) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return scanner.scan(library, workload, new ScanListener() {
                    @Override
                    public void finished(FileResult result) {
                        filesDone.countDown();
                    }

                    @Override
                    public void timed(FileSpan span) {
                        spans.add(span);
                    }
                });
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /** Events with the time since the first one. */
    private static final class Timeline {
        private final long start = System.nanoTime();
        private final List<String> times = new ArrayList<>();
        private final List<String> events = new ArrayList<>();

        synchronized void add(String event) {
            times.add(String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
            events.add(event);
        }

        synchronized Table table(String name) {
            return Table.create(name, StringColumn.create("t_s", times), StringColumn.create("what happened", events));
        }
    }
}
