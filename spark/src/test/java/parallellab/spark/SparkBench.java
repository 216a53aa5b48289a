package parallellab.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import parallellab.grow.LibraryGrower;
import parallellab.measure.Measure;
import parallellab.measure.PeakRss;
import parallellab.measure.Timing;
import parallellab.scan.ScanOptions;
import parallellab.scan.LibraryScanner;
import parallellab.scan.SequentialScanner;
import parallellab.scan.Strategies;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import parallellab.work.Workloads;

/**
 * Benchmarks for the Spark lesson, not run by {@code mvn test}. Prints figures to copy into the report.
 *
 * <pre>
 *   ./mvnw -pl spark test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java @spark/java-options -cp spark/target/test-classes:spark/target/classes:$(cat spark/target/cp.txt) \
 *       parallellab.spark.SparkBench overhead | versus LIBRARY [workload] | fresh LIBRARY workload strategies... | scale LIBRARY [sizes...]
 * </pre>
 *
 * {@code scale} grows libraries under /tmp and scans each in a child JVM, so that one size's memory
 * does not hide behind another's: the child's own high-water mark (VmHWM), and its peak with any
 * worker JVMs, sampled during the scan.
 */
public final class SparkBench {

    private SparkBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "overhead" -> overhead();
            case "versus" -> versus(Path.of(args[1]), args.length > 2 ? args[2] : "analyze");
            case "scale" -> scale(Path.of(args[1]), args.length > 2 ? List.of(args).subList(2, args.length) : List.of("1000", "5000", "10000"));
            case "fresh" -> fresh(Path.of(args[1]), args[2], List.of(args).subList(3, args.length));
            case "child" -> child(args[1], Path.of(args[2]), args[3]);
            default -> throw new IllegalArgumentException("overhead | versus LIBRARY [workload] | fresh LIBRARY workload strategies... | scale LIBRARY [sizes]");
        }
    }

    /** Context start-up, a trivial job on a warm context, and stopping. */
    static void overhead() {
        long t0 = System.nanoTime();
        JavaSparkContext spark = SparkScanner.startContext("local[2]");
        long t1 = System.nanoTime();
        List<Double> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long s = System.nanoTime();
            spark.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * 2).collect();
            jobs.add((System.nanoTime() - s) / 1e6);
        }
        long t2 = System.nanoTime();
        spark.close();
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "context start %.2f s, stop %.2f s, trivial job (2 tasks): first %.0f ms, then median %.0f ms%n",
                (t1 - t0) / 1e9, (t3 - t2) / 1e9, jobs.get(0), jobs.subList(1, jobs.size()).stream().sorted().toList().get(4));
    }

    /** Spark local[2] against the process pool with 2 workers (or sequential when the pool is not there). */
    static void versus(Path library, String workloadName) throws Exception {
        Workload workload = Workloads.named(workloadName);
        LibraryScanner baseline;
        try {
            baseline = Strategies.create("process-pool", ScanOptions.workers(2));
        } catch (IllegalArgumentException noPool) {
            baseline = new SequentialScanner();
        }
        List<FileResult> expected = new SequentialScanner().scan(library, workload);
        Timing base = time(baseline, library, workload, expected);
        Timing cold = time(new SparkScanner(ScanOptions.workers(2)), library, workload, expected);
        Timing warm;
        try (JavaSparkContext spark = SparkScanner.startContext("local[2]")) {
            SparkScanner borrowed = SparkScanner.on(spark, ScanOptions.workers(2));
            time(borrowed, library, workload, expected);
            warm = time(borrowed, library, workload, expected);
        }
        System.out.printf(Locale.ROOT, "%s on %d files, real (cpu) s: %s %.2f (%.2f) | spark local[2] own context %.2f (%.2f), %.2fx"
                        + " | warm context %.2f (%.2f), %.2fx%n", workloadName, expected.size(), baseline.name(),
                base.realSeconds(), base.cpuSeconds(), cold.realSeconds(), cold.cpuSeconds(), cold.realSeconds() / base.realSeconds(),
                warm.realSeconds(), warm.cpuSeconds(), warm.realSeconds() / base.realSeconds());
    }

    /** One scan, timed with its CPU (the pool's reaped workers included), checked against {@code expected}. */
    private static Timing time(LibraryScanner scanner, Path library, Workload workload, List<FileResult> expected) throws Exception {
        Measure.Measured<List<FileResult>> m = Measure.time(() -> scanner.scan(library, workload));
        if (!m.value().containsAll(expected) || m.value().size() != expected.size()) {
            throw new IllegalStateException(scanner.name() + " gave different results");
        }
        return m.timing();
    }

    /** Each strategy in a fresh child JVM: no strategy profits from code another one warmed up. */
    static void fresh(Path library, String workload, List<String> strategies) throws Exception {
        for (String strategy : strategies) {
            System.out.printf(Locale.ROOT, "%s %-12s %s (real s, ok, JVM peak RSS MB, peak RSS with workers MB, cpu s)%n", workload, strategy,
                    runChild(strategy, library, workload));
        }
    }

    /**
     * Grows each size under /tmp (once) and scans it with tags, sequentially, with the process pool
     * and on Spark (2 workers each), each scan in a child JVM; times and peak memory side by side,
     * the times also as ratios to the sequential scan of the same size.
     */
    static void scale(Path source, List<String> sizes) throws Exception {
        LibraryGrower grower = LibraryGrower.from(source);
        List<String> strategies = List.of("sequential", "process-pool", "spark");
        System.out.printf(Locale.ROOT, "%6s  %-13s %9s %7s %9s %7s %12s %14s%n", "files", "strategy", "real_s", "x_seq", "ms/file", "cpu_s", "jvm_peak_mb", "with_workers_mb");
        for (String size : sizes) {
            Path grown = Path.of("/tmp/parallel-lab-grown-" + size);
            if (!LibraryGrower.isGrown(grown)) {
                long s = System.nanoTime();
                grower.grow(grown, Integer.parseInt(size), 1);
                System.out.printf(Locale.ROOT, "grew %s files in %.1f s%n", size, (System.nanoTime() - s) / 1e9);
            }
            double sequential = Double.NaN;
            for (String strategy : strategies) {
                String[] out = runChild(strategy, grown, "tags").split(" ");
                if (out.length < 5) {
                    System.out.println(size + " " + strategy + ": " + String.join(" ", out));
                    continue;
                }
                double seconds = Double.parseDouble(out[0]);
                if (strategy.equals("sequential")) {
                    sequential = seconds;
                }
                System.out.printf(Locale.ROOT, "%6s  %-13s %9.2f %6.2fx %9.2f %7s %12s %14s%n", size, strategy, seconds, seconds / sequential,
                        seconds * 1000 / Integer.parseInt(size), out[4], out[2], out[3]);
            }
        }
    }

    private static String runChild(String strategy, Path library, String workload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        command.addAll(Files.readAllLines(Path.of("spark/java-options")).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkBench.class.getName(), "child", strategy, library.toString(), workload));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes()).strip();
        if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
            return "child failed: " + out;
        }
        return out;
    }

    /**
     * In the child JVM: one scan, then "seconds ok jvmPeakMB peakWithWorkersMB cpuSeconds". The JVM's
     * peak is its VmHWM, not getrusage's ru_maxrss, which this child inherited from the bench JVM
     * that started it; the peak with workers is sampled during the scan ({@link PeakRss}).
     */
    static void child(String strategy, Path library, String workload) throws Exception {
        LibraryScanner scanner = strategy.equals("spark") ? new SparkScanner(ScanOptions.workers(2)) : Strategies.create(strategy, ScanOptions.workers(2));
        Measure.Measured<List<FileResult>> m;
        double withWorkers;
        try (PeakRss peak = PeakRss.sample()) {
            m = Measure.time(() -> scanner.scan(library, Workloads.named(workload)));
            withWorkers = peak.mib();
        }
        System.out.printf(Locale.ROOT, "%.3f %d %.0f %.0f %.2f%n", m.timing().realSeconds(), m.value().stream().filter(FileResult::ok).count(),
                PeakRss.highWaterMib(ProcessHandle.current().pid()), withWorkers, m.timing().cpuSeconds());
    }
}
