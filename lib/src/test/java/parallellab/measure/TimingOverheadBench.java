package parallellab.measure;

/**
 * Benchmark (not a test): what one measured block costs, from an empty block timed many times.
 * Run: {@code java -cp lib/target/test-classes:lib/target/parallel-lab-lib.jar:lib/target/lib/* parallellab.measure.TimingOverheadBench}
 */
public final class TimingOverheadBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Measure.time(() -> { });
            }
            long t1 = System.nanoTime();
            long n0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ProcessUsage.now();
            }
            long n1 = System.nanoTime();
            System.out.printf("round %d (%s): %.1f µs per measured block, %.1f µs per usage reading (budget 1000 µs)%n",
                    round, ProcessUsage.sourceName(), (t1 - t0) / 1e3 / n, (n1 - n0) / 1e3 / n);
        }
    }
}
