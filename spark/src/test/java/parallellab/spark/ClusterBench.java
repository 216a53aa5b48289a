package parallellab.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.api.java.JavaSparkContext;
import parallellab.measure.Timing;
import parallellab.scan.LibraryScanner;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.SequentialScanner;
import parallellab.scan.Strategies;
import parallellab.spark.cluster.ClusterDemos;
import parallellab.spark.cluster.LocalCluster;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * Benchmarks for the cluster section of lesson 06, not run by {@code mvn test}: {@code analyze} of
 * a library side by side in one run on a 2-worker cluster (1 core each), {@code local[2]}, the
 * process pool of 2 and sequentially; the cluster's job overhead; the time a killed executor costs.
 *
 * <pre>
 *   ./mvnw -pl spark -am test-compile
 *   ./mvnw -pl spark dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java @spark/java-options -cp spark/target/test-classes:spark/target/classes:lib/target/classes:$(cat spark/target/cp.txt) \
 *       parallellab.spark.ClusterBench data/library [seconds of audio, default 10] [kill-only]
 * </pre>
 */
public final class ClusterBench {

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : "data/library").toAbsolutePath();
        Workload analyze = new AnalyzeWorkload(args.length > 1 ? Double.parseDouble(args[1]) : AnalyzeWorkload.DEFAULT_SECONDS);
        Path home = Files.createTempDirectory("parallel-lab-cluster-bench-");
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.anyFreePorts(2, 1, "1g"), home)) {
            System.out.printf(Locale.ROOT, "cluster start (master + 2 workers registered): %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (args.length > 2 && args[2].equals("kill-only")) {
                killedExecutor(cluster, library, analyze);
                return;
            }
            overhead(cluster.masterUrl());

            List<String> rows = new ArrayList<>();
            ScanReport sequential = run(library, new SequentialScanner(), analyze, 1);
            rows.add(row("sequential", sequential, sequential));
            rows.add(row("process pool of 2", run(library, Strategies.create("process-pool", ScanOptions.workers(2)), analyze, 2), sequential));
            rows.add(row("Spark local[2] (own context)", run(library, new SparkScanner(ScanOptions.workers(2)), analyze, 2), sequential));
            rows.add(row("Spark cluster, 2 x 1 core (own context)", run(library, new SparkScanner(ScanOptions.workers(2), cluster.masterUrl()), analyze, 2), sequential));
            System.out.println("| strategy | real s | CPU s (driver + executors) | cpu/real | vs sequential | same results |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            rows.forEach(System.out::println);

            killedExecutor(cluster, library, analyze);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Context start on the cluster (with its executors), the first trivial job, then a warm one. */
    static void overhead(String master) {
        long t0 = System.nanoTime();
        try (JavaSparkContext spark = SparkScanner.startContext(master)) {
            long t1 = System.nanoTime();
            spark.parallelize(List.of(1, 2, 3, 4), 2).count();
            long t2 = System.nanoTime();
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                long s = System.nanoTime();
                spark.parallelize(List.of(1, 2, 3, 4), 2).count();
                warm.add((System.nanoTime() - s) / 1e6);
            }
            long t3 = System.nanoTime();
            spark.close();
            System.out.printf(Locale.ROOT, "cluster context start %.1f s; first trivial job (2 tasks, waits for the executors) %.1f s; "
                    + "then median %.0f ms; stop %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, warm.stream().sorted().toList().get(4), (System.nanoTime() - t3) / 1e9);
        }
    }

    /** The same analyze on a warm cluster context (after one unrecorded run), once clean and once with an executor killed a third of the way. */
    static void killedExecutor(LocalCluster cluster, Path library, Workload workload) throws Exception {
        try (JavaSparkContext spark = SparkScanner.startContext(cluster.masterUrl())) {
            SparkScanner scanner = SparkScanner.on(spark, ScanOptions.workers(2));
            // Warm: both executors up and the code loaded in them, so the clean run below is a warm one.
            while (spark.sc().statusTracker().getExecutorInfos().length < 3) {
                Thread.sleep(200);
            }
            run(library, scanner, workload, 2);
            ScanReport clean = run(library, scanner, workload, 2);
            int files = clean.files();
            CountDownLatch third = new CountDownLatch(files / 3);
            long t0 = System.nanoTime();
            CompletableFuture<List<FileResult>> scan = ClusterDemos.scanInBackground(scanner, library, workload, third);
            third.await();
            cluster.executors().getFirst().destroyForcibly();
            List<FileResult> results = scan.join();
            double killed = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "warm cluster context: clean analyze %.1f s; with one executor killed (kill -9) after a third of the files %.1f s: "
                            + "%.1f s lost, %d tasks run again; %d results for %d files, same as clean: %b%n",
                    clean.timing().realSeconds(), killed, killed - clean.timing().realSeconds(), scanner.lastJob().failedTasks(),
                    results.size(), files, new ScanReport(library, "spark", workload.name(), 2, results, clean.timing()).results().equals(clean.results()));
        }
    }

    static ScanReport run(Path library, LibraryScanner scanner, Workload workload, int workers) throws InterruptedException {
        return ScanReport.run(library, scanner, workload, workers, ScanListener.NONE);
    }

    static String row(String name, ScanReport report, ScanReport sequential) {
        Timing t = report.timing();
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f (%.1f + %.1f) | %.2f | %.2fx | %b |", name, t.realSeconds(), t.cpuSeconds(),
                t.ownCpuSeconds(), t.workerCpuSeconds(), t.coresUsed(), t.realSeconds() / sequential.timing().realSeconds(),
                report.results().equals(sequential.results()));
    }
}
