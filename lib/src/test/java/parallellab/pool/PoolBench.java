package parallellab.pool;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import parallellab.measure.Measure;
import parallellab.scan.ProcessPoolScanner;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.work.Workloads;

/**
 * Benchmark, not a test: pool start-up with and without the CDS archive, each worker's RSS, and
 * the {@code analyze} scan with two worker JVMs against the sequential scan (start-up included).
 *
 * <p>How to run, after {@code ./mvnw -pl lib package -DskipTests} and a test compile:
 * {@code java -cp "lib/target/test-classes:lib/target/parallel-lab-lib.jar:lib/target/lib/*"
 * parallellab.pool.PoolBench [library folder] [repeats]}. The workers get the jars only, so the
 * CDS archive applies (the JVM archives classes from jars, not from class folders).
 */
public final class PoolBench {

    private PoolBench() {}

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : "data/library");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String jarsOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
        System.out.println("JDK " + Runtime.version());

        startup("no CDS", repeats, ProcessPool.builder(2).classPath(jarsOnly).classDataSharing(false));
        ProcessPool.Builder withCds = ProcessPool.builder(2).classPath(jarsOnly);
        warmArchive(withCds);
        startup("CDS", repeats, withCds);

        if (Files.isDirectory(library)) {
            var sequential = Measure.time(() -> new SequentialScanner().scan(library, Workloads.named("analyze")));
            var pooled = Measure.time(() -> new ProcessPoolScanner(ScanOptions.workers(2)).scan(library, Workloads.named("analyze")));
            System.out.printf("analyze over %d files: sequential %s%n", sequential.value().size(), sequential.timing().summary());
            System.out.printf("analyze over %d files: pool of 2  %s%n", pooled.value().size(), pooled.timing().summary());
            System.out.printf("speedup %.2f, same results: %b%n", sequential.timing().realSeconds() / pooled.timing().realSeconds(),
                    sequential.value().equals(pooled.value()));
        }
    }

    /** A pool that exits gracefully lets worker 1 write the archive; the next pools map it. */
    private static void warmArchive(ProcessPool.Builder builder) throws InterruptedException {
        ProcessPool pool = builder.build();
        pool.map(new WorkloadTask(Workloads.named("tags")), List.of("/nonexistent.mp3"));
        pool.shutdown();
        pool.join();
    }

    private static void startup(String label, int repeats, ProcessPool.Builder builder) throws InterruptedException, IOException {
        List<Double> millis = new ArrayList<>();
        List<String> rss = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            try (ProcessPool pool = builder.build()) {
                Duration ready = pool.awaitReady();
                millis.add(ready.toNanos() / 1e6);
                for (WorkerStats worker : pool.workerStats()) {
                    rss.add(worker.workerId() + ":" + residentMiB(worker.pid()) + "MiB");
                }
            }
        }
        millis.sort(null);
        System.out.printf("start-up of 2 workers, %-6s median %.0f ms (min %.0f, max %.0f); RSS when ready %s%n",
                label, millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), rss.subList(0, 2));
    }

    private static long residentMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElse(0);
    }
}
