package parallellab.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import parallellab.gil.Gil;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import parallellab.work.Workload;
import parallellab.work.Workloads;

/**
 * Benchmark, not a test (machines are noisy): speedups of the thread scanners over sequential,
 * with and without the simulated GIL, on a CPU-bound and an external-program workload.
 *
 * <p>Every configuration runs three rounds in turn; the first warms up, the best of the others
 * counts. The cores column is this JVM's CPU time over wall time (child processes not included).
 *
 * <p>Uses the real {@code analyze} and {@code external} workloads once they are implemented, and
 * stand-ins defined here until then (a CPU-bound checksum loop with GIL checkpoints; ffprobe run
 * with the GIL released).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -pl lib test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}, then {@code java -cp lib/target/test-classes:lib/target/classes:$(cat
 * lib/target/cp.txt) parallellab.scan.ScanBench [library-folder [files]]}.
 */
public final class ScanBench {

    private ScanBench() {}

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : TestLibraries.bundled().orElseGet(ScanBench::generatedLibrary);
        if (args.length > 1) {
            library = sample(library, Integer.parseInt(args[1]));
        }
        List<Path> files = LibraryWalker.audioFiles(library);
        System.out.printf("library %s: %d files, %d cores%n", library, files.size(), Runtime.getRuntime().availableProcessors());

        Workload cpu = implemented(Workloads.named("analyze"), files) ? Workloads.named("analyze") : new CpuStandIn();
        Workload external = implemented(Workloads.named("external"), files) ? Workloads.named("external") : new FfprobeStandIn();

        List<Config> configs = List.of(
                new Config(cpu, "sequential", 1, false),
                new Config(cpu, "queue-threads", 2, false),
                new Config(cpu, "queue-threads", 2, true),
                new Config(cpu, "executor", 2, false),
                new Config(cpu, "virtual", 2, false),
                new Config(cpu, "parallel-stream", 2, false),
                new Config(external, "sequential", 1, false),
                new Config(external, "queue-threads", 8, false),
                new Config(external, "queue-threads", 8, true));
        // Rounds go through every configuration in turn, so a burst of load elsewhere on the machine
        // hits them all alike; each keeps its best round.
        Map<Config, Run> best = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (Config config : configs) {
                Run run = config.run(library);
                if (round > 0) {
                    best.merge(config, run, (a, b) -> a.seconds() <= b.seconds() ? a : b);
                }
            }
        }
        System.out.printf("%-10s %-16s %7s %4s %9s %9s %6s%n", "workload", "strategy", "workers", "gil", "seconds", "speedup", "cores");
        for (Config config : configs) {
            Run run = best.get(config);
            double baseline = best.get(new Config(config.workload(), "sequential", 1, false)).seconds();
            System.out.printf(Locale.ROOT, "%-10s %-16s %7d %4s %9.3f %8.2fx %6.2f%n", config.workload().name(), config.strategy(),
                    config.workers(), config.gil() ? "on" : "off", run.seconds(), baseline / run.seconds(), run.cpuSeconds() / run.seconds());
        }
    }

    private static boolean implemented(Workload workload, List<Path> files) {
        return files.stream().limit(5).map(workload::process)
                .noneMatch(r -> r instanceof FileResult.Failed failed && failed.reason().contains("not implemented"));
    }

    /** Wall-clock seconds and this JVM's CPU seconds: their ratio is how many cores the scan kept busy. */
    record Run(double seconds, double cpuSeconds) {}

    record Config(Workload workload, String strategy, int workers, boolean gil) {
        Run run(Path library) throws InterruptedException {
            Scanner scanner = Strategies.create(strategy, new ScanOptions(workers, gil, 0));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            scanner.scan(library, workload);
            long wall = System.nanoTime() - start;
            return new Run(wall / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
        }
    }

    /** The first {@code count} files of the library, linked into a temporary folder. */
    private static Path sample(Path library, int count) throws IOException {
        Path dir = Files.createTempDirectory("scan-bench-sample-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TestLibraries.deleteTree(dir)));
        List<Path> files = LibraryWalker.audioFiles(library);
        for (Path file : files.subList(0, Math.min(count, files.size()))) {
            Path link = dir.resolve(library.relativize(file).toString());
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, file.toAbsolutePath());
        }
        return dir;
    }

    private static Path generatedLibrary() {
        try {
            Path dir = Files.createTempDirectory("scan-bench-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestLibraries.deleteTree(dir)));
            return TestLibraries.generate(dir, 80, 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU-bound stand-in for analyze: checksums the file many times, with GIL checkpoints. */
    record CpuStandIn() implements Workload {
        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public FileResult process(Path file) {
            byte[] bytes;
            try {
                bytes = Gil.released(() -> Files.readAllBytes(file));
            } catch (IOException e) {
                return new FileResult.Failed(file, "cannot read: " + e.getMessage());
            }
            // A fixed amount of arithmetic per file, so every file costs the same whatever its size.
            long sum = bytes.length;
            for (int i = 0; i < 8_000_000; i++) {
                sum = sum * 6364136223846793005L + (bytes.length == 0 ? i : bytes[i % bytes.length]);
                if ((i & 4095) == 0) {
                    Gil.checkpoint();
                }
            }
            return new FileResult.Ok(file, new SongData("cpu", Long.toHexString(sum), "", "", 0, 0, "", 0, 0, 0, 0, bytes.length), Analysis.NONE);
        }
    }

    /** External-program stand-in: runs ffprobe on the file with the GIL released. */
    record FfprobeStandIn() implements Workload {
        @Override
        public String name() {
            return "external";
        }

        @Override
        public FileResult process(Path file) {
            try {
                int exit = Gil.released(() -> {
                    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_format", file.toString())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    try {
                        if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                            probe.destroyForcibly();
                        }
                        return probe.waitFor();
                    } catch (InterruptedException e) {
                        probe.destroyForcibly();
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                });
                return new FileResult.Failed(file, "ffprobe exit " + exit);
            } catch (IOException e) {
                return new FileResult.Failed(file, "cannot run ffprobe: " + e.getMessage());
            }
        }
    }
}
