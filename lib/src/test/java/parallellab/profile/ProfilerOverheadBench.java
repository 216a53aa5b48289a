package parallellab.profile;

import java.util.Arrays;

/**
 * Benchmark (not a test): the same CPU-bound work with and without the CPU profiler, alternating,
 * median of 5 each. Run after {@code mvn test-compile}:
 * {@code java --enable-native-access=ALL-UNNAMED -cp lib/target/test-classes:lib/target/classes:lib/target/lib/* parallellab.profile.ProfilerOverheadBench}
 */
public final class ProfilerOverheadBench {

    static double work() {
        double x = 0;
        for (int i = 0; i < 40_000_000; i++) {
            x += Math.sqrt(i + x) * 1e-9;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 3; i++) {
            work(); // JIT warm-up
        }
        double[] plain = new double[5];
        double[] profiled = new double[5];
        String event = "?";
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            work();
            plain[i] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            event = Profiler.profile(Mode.CPU, ProfilerOverheadBench::work).profile().event();
            profiled[i] = (System.nanoTime() - t1) / 1e9;
        }
        Arrays.sort(plain);
        Arrays.sort(profiled);
        System.out.printf("median plain %.3fs, profiled (%s) %.3fs, ratio %.3f (budget 1.10)%n",
                plain[2], event, profiled[2], profiled[2] / plain[2]);
    }
}
