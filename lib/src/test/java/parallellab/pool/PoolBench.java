package parallellab.pool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import parallellab.measure.Measure;
import parallellab.measure.PeakRss;
import parallellab.lessons.PoolDemos;
import parallellab.scan.ProcessPoolScanner;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.scan.WorkloadTask;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.Workloads;

/**
 * Benchmark, not a test: pool start-up (construction until every worker is ready) for 2 workers:
 * the old default (the caller's whole class path, CDS, C2 on) against the whole class path with C1
 * only, and the minimal worker class path without and with CDS (the new default); wall time, each
 * worker's CPU until ready (which depends less on the machine's load) and RSS; then the
 * {@code analyze} scan with one and two worker JVMs against the sequential scan (start-up included).
 *
 * <p>How to run, after {@code ./mvnw -pl lib package -DskipTests} and a test compile:
 * {@code java -cp "lib/target/test-classes:lib/target/parallel-lab-lib.jar:lib/target/lib/*"
 * parallellab.pool.PoolBench [library folder] [repeats] [analyze seconds]}. The "whole" rows give
 * the workers every jar of that class path, as a notebook kernel's pool got before.
 */
public final class PoolBench {

    private static final String BEFORE = "before: whole, CDS, C2";

    private PoolBench() {}

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : "data/library");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        String jarsOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
        String minimal = WorkerClassPath.minimal(jarsOnly);
        System.out.printf("JDK %s; whole class path %d jars, minimal %d jars%n", Runtime.version(),
                jarsOnly.split(File.pathSeparator).length, minimal.split(File.pathSeparator).length);

        // "before" is the old default: every jar of the caller, C2 on.
        ProcessPool.Builder before = ProcessPool.builder(2).classPath(jarsOnly).optimizingJit(true);
        ProcessPool.Builder wholeCds = ProcessPool.builder(2).classPath(jarsOnly);
        ProcessPool.Builder minimalCds = ProcessPool.builder(2).classPath(minimal);
        warmArchive(before);
        warmArchive(wholeCds);
        warmArchive(minimalCds);
        // Interleaved rounds, so that load coming and going on the machine falls on every variant alike.
        Map<String, ProcessPool.Builder> variants = new LinkedHashMap<>();
        variants.put(BEFORE, before);
        variants.put("whole, CDS", wholeCds);
        variants.put("minimal, no CDS", ProcessPool.builder(2).classPath(minimal).classDataSharing(false));
        variants.put("minimal, CDS", minimalCds);
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<String>> rss = new LinkedHashMap<>();
        // CPU time per worker until ready: unlike wall time, it hardly depends on what else the machine runs.
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (int round = 0; round < repeats; round++) {
            for (var variant : variants.entrySet()) {
                try (ProcessPool pool = variant.getValue().build()) {
                    millis.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(pool.awaitReady().toNanos() / 1e6);
                    for (WorkerStats worker : pool.workerStats()) {
                        rss.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(Math.round(PeakRss.currentMib(worker.pid())) + " MiB");
                        cpu.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(cpuMillis(worker.pid()));
                    }
                }
            }
        }
        double beforeMillis = median(millis.get(BEFORE));
        for (var row : millis.entrySet()) {
            List<Double> sorted = row.getValue().stream().sorted().toList();
            System.out.printf("start-up of 2 workers, %-22s median %5.0f ms (min %4.0f, max %4.0f)  %.2fx of before;"
                            + " CPU per worker median %4.0f ms (%.2fx); RSS when ready %s%n",
                    row.getKey(), median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), median(sorted) / beforeMillis,
                    median(cpu.get(row.getKey())), median(cpu.get(row.getKey())) / median(cpu.get(BEFORE)),
                    rss.get(row.getKey()).subList(0, 2));
        }

        if (Files.isDirectory(library)) {
            var workload = new AnalyzeWorkload(seconds);
            var sequential = Measure.time(() -> new SequentialScanner().scan(library, workload));
            var one = Measure.time(() -> new ProcessPoolScanner(ScanOptions.workers(1)).scan(library, workload));
            var two = Measure.time(() -> new ProcessPoolScanner(ScanOptions.workers(2)).scan(library, workload));
            System.out.printf("analyze (%.0f s) over %d files: sequential %s%n", seconds, sequential.value().size(), sequential.timing().summary());
            System.out.printf("analyze over %d files: pool of 1  %s%n", one.value().size(), one.timing().summary());
            System.out.printf("analyze over %d files: pool of 2  %s%n", two.value().size(), two.timing().summary());
            System.out.printf("speedup pool of 2 over pool of 1: %.2f; over sequential: %.2f; same results: %b%n",
                    one.timing().realSeconds() / two.timing().realSeconds(), sequential.timing().realSeconds() / two.timing().realSeconds(),
                    sequential.value().equals(two.value()) && one.value().equals(two.value()));
            keptPools(library, seconds);
        }
    }

    /**
     * A pool kept across maps, as a notebook or a long-lived Python program keeps one: its third map
     * against the warm sequential scan, with C1-only workers (the default) and with C2 as well.
     */
    private static void keptPools(Path library, double seconds) throws Exception {
        var workload = new AnalyzeWorkload(seconds);
        List<String> paths = PoolDemos.paths(library);
        List<Double> sequential = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            sequential.add(Measure.time(() -> new SequentialScanner().scan(library, workload)).timing().realSeconds());
        }
        System.out.printf("kept pools, analyze (%.0f s) over %d files: warm sequential %.2f s%n", seconds, paths.size(), sequential.get(2));
        for (boolean c2 : new boolean[] {false, true}) {
            try (ProcessPool pool = ProcessPool.builder(2).optimizingJit(c2).build()) {
                List<String> maps = new ArrayList<>();
                double last = 0;
                for (int map = 0; map < 3; map++) {
                    last = Measure.time(() -> pool.map(new WorkloadTask(workload), paths)).timing().realSeconds();
                    maps.add(String.format("%.2f s", last));
                }
                System.out.printf("kept pool of 2, %s: maps %s; third map %.2fx the warm sequential scan%n",
                        c2 ? "C1 and C2" : "C1 only", maps, sequential.get(2) / last);
            }
        }
    }

    /** A pool that exits gracefully lets worker 1 write the archive; the next pools map it. */
    private static void warmArchive(ProcessPool.Builder builder) throws InterruptedException {
        ProcessPool pool = builder.build();
        pool.map(new WorkloadTask(Workloads.named("tags")), List.of("/nonexistent.mp3"));
        pool.shutdown();
        pool.join();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double cpuMillis(long pid) {
        Wire.Usage usage = Wire.Usage.ofProcess(pid);
        return 1000 * (usage.userSeconds() + usage.sysSeconds());
    }
}
