package parallellab.bench;

import parallellab.measure.Timing;

/** Test helper: bench rows written by hand, for tables whose figures a test chooses. */
public final class Runs {

    private Runs() {}

    /** One run's row, its JIT time unknown. */
    public static BenchResults.RunRow run(String machine, String strategy, int workers, String workload, boolean gil, int repeat,
                                          boolean warmup, int files, int ok, Timing timing) {
        return run(machine, strategy, workers, workload, gil, repeat, warmup, files, ok, timing, Double.NaN);
    }

    /** One run's row with the seconds the JIT compiler spent during it. */
    public static BenchResults.RunRow run(String machine, String strategy, int workers, String workload, boolean gil, int repeat,
                                          boolean warmup, int files, int ok, Timing timing, double jitSeconds) {
        Bench.Run run = new Bench.Run(0, 0, strategy, workers, workload, gil, repeat, warmup, files, ok, timing);
        return BenchResults.RunRow.of(machine, run, Double.NaN, jitSeconds);
    }
}
