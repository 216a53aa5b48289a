package parallellab.profile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import parallellab.measure.Measure;
import parallellab.measure.Stopwatch;
import parallellab.measure.Timing;
import parallellab.scan.LibraryWalker;
import parallellab.work.AnalyzeWorkload;

/**
 * Benchmark (not a test): what the profiler costs. The same work runs without and with the CPU
 * profiler, alternating so that a busy spell on the machine hits both alike, median of 5 each, in
 * real time and in CPU time (user + sys of the whole JVM: the profiler's signal handlers and stack
 * walks are CPU work, and CPU time is far less disturbed than real time on a shared machine).
 * Two loads: a tight CPU loop, and the {@code analyze} workload on files of the bundled library.
 *
 * <p>How to run, after {@code ./mvnw -B -ntp -q -pl lib test-compile}:
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.profile.ProfilerOverheadBench [data/library] [files] [seconds]}
 */
public final class ProfilerOverheadBench {

    private static final int RUNS = 5;

    static double work() {
        double x = 0;
        for (int i = 0; i < 40_000_000; i++) {
            x += Math.sqrt(i + x) * 1e-9;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : "data/library");
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 4;
        List<Path> sample = LibraryWalker.audioFiles(library).stream().limit(files).toList();
        AnalyzeWorkload analyze = new AnalyzeWorkload(seconds);
        compare("cpu loop", ProfilerOverheadBench::work);
        compare("analyze, " + sample.size() + " files x " + seconds + " s", () -> {
            sample.forEach(analyze::process);
            return null;
        });
    }

    private static void compare(String name, Measure.Work<?> work) throws Exception {
        for (int i = 0; i < 2; i++) {
            work.call(); // JIT warm-up
            Profiler.profile(Mode.CPU, work::call);
        }
        double[][] plain = new double[2][RUNS];
        double[][] profiled = new double[2][RUNS];
        String event = "?";
        for (int i = 0; i < RUNS; i++) {
            Timing t = Measure.time(work).timing();
            plain[0][i] = t.realSeconds();
            plain[1][i] = t.cpuSeconds();
            Timing p;
            try (Stopwatch stopwatch = Stopwatch.start()) {
                event = Profiler.profile(Mode.CPU, work::call).profile().event();
                p = stopwatch.stop();
            }
            profiled[0][i] = p.realSeconds();
            profiled[1][i] = p.cpuSeconds();
        }
        System.out.printf("%-32s event %-6s real: plain %.3fs profiled %.3fs ratio %.3f | cpu: plain %.3fs profiled %.3fs ratio %.3f (budget 1.10)%n",
                name, event, median(plain[0]), median(profiled[0]), median(profiled[0]) / median(plain[0]),
                median(plain[1]), median(profiled[1]), median(profiled[1]) / median(plain[1]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
