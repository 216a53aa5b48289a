package parallellab.work;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.SequentialScanner;
import parallellab.testing.Manifest;

/**
 * Benchmark of the analyze workload over the bundled library (a main, not a test: timings are noisy).
 *
 * <p>Prints, per format, how many seconds of audio are analysed per CPU second; how far the fully
 * decoded length is from the manifest's duration; and the peak RSS of a full sequential analyze
 * scan run in a child JVM capped at {@code -Xmx512m}.
 *
 * <p>How to run (after {@code ./mvnw -B -ntp -pl lib package -DskipTests} and test-compile):
 * {@code java -cp lib/target/test-classes:lib/target/parallel-lab-lib.jar:lib/target/lib/* parallellab.work.AnalyzeBench data}
 */
public final class AnalyzeBench {

    private AnalyzeBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[args.length - 1] : System.getProperty("parallellab.data", "data"));
        Path library = data.resolve("library");
        if (args.length > 0 && args[0].equals("--scan-child")) {
            scanAndReportPeakRss(library);
            return;
        }
        throughput(library);
        decodedDurations(data);
        peakRssInChildJvm(data);
    }

    private static void throughput(Path library) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AnalyzeWorkload workload = new AnalyzeWorkload();
        List<Path> files = LibraryWalker.audioFiles(library);
        files.forEach(workload::process); // warm-up: JIT-compile the decoders and the FFT
        Map<String, double[]> byFormat = new TreeMap<>();
        for (Path file : files) {
            long start = cpu.getCurrentThreadCpuTime();
            FileResult result = workload.process(file);
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            if (result instanceof FileResult.Ok ok) {
                double[] sums = byFormat.computeIfAbsent(ok.song().format(), f -> new double[3]);
                sums[0]++;
                sums[1] += ok.analysis().analysedSeconds();
                sums[2] += cpuSeconds;
            }
        }
        System.out.printf("%-6s %6s %10s %8s %18s%n", "format", "files", "audio s", "CPU s", "audio s per CPU s");
        byFormat.forEach((format, s) -> System.out.printf("%-6s %6.0f %10.1f %8.2f %18.1f%n", format, s[0], s[1], s[2], s[1] / s[2]));
    }

    private static void decodedDurations(Path data) {
        Manifest manifest = Manifest.read(data);
        AnalyzeWorkload wholeFile = new AnalyzeWorkload(1e6);
        Map<String, Double> worst = new TreeMap<>();
        for (Manifest.Row row : manifest.expectedOk()) {
            if (row.format().equals("m4a")) {
                continue;
            }
            FileResult result = wholeFile.process(manifest.fileOf(row));
            double error = result instanceof FileResult.Ok ok
                    ? Math.abs(ok.analysis().analysedSeconds() - row.durationSeconds())
                    : Double.POSITIVE_INFINITY;
            worst.merge(row.format(), error, Math::max);
        }
        System.out.println("largest |decoded length - manifest duration| per format (s): " + worst);
    }

    private static void peakRssInChildJvm(Path data) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AnalyzeBench.class.getName(), "--scan-child", data.toString())
                .inheritIO().start();
        System.out.println("child scan exit code: " + child.waitFor());
    }

    private static void scanAndReportPeakRss(Path library) throws IOException, InterruptedException {
        List<FileResult> results = new SequentialScanner().scan(library, new AnalyzeWorkload(), ScanListener.NONE);
        long ok = results.stream().filter(FileResult::ok).count();
        String peak = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM")).findFirst().orElse("VmHWM: unknown");
        System.out.printf("full analyze scan in a -Xmx512m JVM: %d files, %d ok; peak RSS %s%n",
                results.size(), ok, peak.substring(peak.indexOf(':') + 1).strip());
    }
}
