package parallellab.scan;

import java.nio.file.Path;
import parallellab.lessons.Lab;
import parallellab.bench.Bench;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.ExternalWorkload;
import tech.tablesaw.api.Table;

/**
 * Benchmark, not a test (machines are noisy): speedups of the thread scanners over sequential, with
 * and without the simulated GIL, on the CPU-bound {@code analyze} and the {@code external} workload,
 * measured side by side in one run with {@link Bench} (rounds, one warm-up, median of three).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -pl lib test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}, then {@code java -cp lib/target/test-classes:lib/target/classes:$(cat
 * lib/target/cp.txt) parallellab.scan.ScanBench [library-folder [mp3-files [analyze-seconds]]]}
 * (defaults: the bundled library, 16 files, 10 s).
 */
public final class ScanBench {

    private ScanBench() {}

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : Lab.library();
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        Path sample = Lab.sample(library, "mp3", files);
        System.out.printf("%d mp3 files of %s, analyze %.0f s, %d cores%n", files, library, seconds, Runtime.getRuntime().availableProcessors());

        Table cpu = Bench.sweep().library(sample).workloads(new AnalyzeWorkload(seconds))
                .strategies("sequential", "queue-threads", "executor", "virtual", "parallel-stream").workers(2).gil(false, true)
                .run();
        Table external = Bench.sweep().library(sample).workloads(new ExternalWorkload())
                .strategies("sequential", "queue-threads").workers(8)
                .add("virtual, no limit", files, options -> new VirtualThreadScanner(options).withoutLimit()).gil(false, true)
                .run();
        System.out.println(Bench.comparison(cpu.append(external)).printAll());
    }
}
