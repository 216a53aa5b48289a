package parallellab.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * <p>Uses the real {@code analyze} and {@code external} workloads once they are implemented, and
 * stand-ins defined here until then (a CPU-bound checksum loop with GIL checkpoints; ffprobe run
 * with the GIL released).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -pl lib test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}, then {@code java -cp lib/target/test-classes:lib/target/classes:$(cat
 * lib/target/cp.txt) parallellab.scan.ScanBench [library-folder]}.
 */
public final class ScanBench {

    private ScanBench() {}

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : TestLibraries.bundled().orElseGet(ScanBench::generatedLibrary);
        List<Path> files = LibraryWalker.audioFiles(library);
        System.out.printf("library %s: %d files, %d cores%n", library, files.size(), Runtime.getRuntime().availableProcessors());

        Workload cpu = implemented(Workloads.named("analyze"), files) ? Workloads.named("analyze") : new CpuStandIn();
        Workload external = implemented(Workloads.named("external"), files) ? Workloads.named("external") : new FfprobeStandIn();

        System.out.printf("%-10s %-16s %7s %4s %9s %8s%n", "workload", "strategy", "workers", "gil", "seconds", "speedup");
        double cpuBase = report(cpu, "sequential", 1, false, library, 0);
        report(cpu, "queue-threads", 2, false, library, cpuBase);
        report(cpu, "queue-threads", 2, true, library, cpuBase);
        report(cpu, "executor", 2, false, library, cpuBase);
        report(cpu, "virtual", 2, false, library, cpuBase);
        report(cpu, "parallel-stream", 2, false, library, cpuBase);
        double extBase = report(external, "sequential", 1, false, library, 0);
        report(external, "queue-threads", 8, false, library, extBase);
        report(external, "queue-threads", 8, true, library, extBase);
        report(external, "virtual", 8, true, library, extBase);
    }

    private static boolean implemented(Workload workload, List<Path> files) {
        return files.stream().limit(5).map(workload::process)
                .noneMatch(r -> r instanceof FileResult.Failed failed && failed.reason().contains("not implemented"));
    }

    /** Best of two after one warm-up run; prints one row and returns the seconds. */
    private static double report(Workload workload, String strategy, int workers, boolean gil, Path library, double baseline) throws Exception {
        Scanner scanner = Strategies.create(strategy, new ScanOptions(workers, gil, 0));
        scanner.scan(library, workload);
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            scanner.scan(library, workload);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        String speedup = baseline == 0 ? "1.00x" : String.format(Locale.ROOT, "%.2fx", baseline / best);
        System.out.printf(Locale.ROOT, "%-10s %-16s %7d %4s %9.3f %8s%n", workload.name(), strategy, workers, gil ? "on" : "off", best, speedup);
        return best;
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
