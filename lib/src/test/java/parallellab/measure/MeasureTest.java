package parallellab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

/**
 * Known loads give known cpu/real ratios. The bounds are generous, and the busy-loop tests compare
 * with the spinners' own thread clocks, because the machine is shared with other builds.
 */
class MeasureTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * Spins on {@code threads} threads for about {@code millis} and returns the CPU seconds they got,
     * as each thread's own clock (CLOCK_THREAD_CPUTIME_ID) tells: an independent check of getrusage
     * that holds even when other builds share the machine and the spinners get less than a core.
     */
    private static double busy(int threads, long millis) throws InterruptedException {
        List<Thread> spinners = new ArrayList<>();
        DoubleAdder cpu = new DoubleAdder();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (int i = 0; i < threads; i++) {
            spinners.add(Thread.ofPlatform().start(() -> {
                double x = 0;
                while (System.nanoTime() < end) {
                    x += Math.sqrt(x + 1);
                }
                cpu.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9 + (x < 0 ? x : 0));
            }));
        }
        for (Thread t : spinners) {
            t.join();
        }
        return cpu.sum();
    }

    private static void assertCoresUsed(int threads) throws Exception {
        double[] spun = new double[1];
        Timing t = Measure.time(() -> {
            spun[0] = busy(threads, 300);
            return null;
        }).timing();
        double spinnerCores = spun[0] / t.realSeconds();
        assertThat(t.realSeconds()).isGreaterThan(0.25);
        // JIT, GC and threads left by earlier tests add CPU on top of the spinners; bound it loosely (noisy CI machines).
        assertThat(t.coresUsed()).isBetween(spinnerCores * 0.95 - 0.02, spinnerCores + 1.0);
        // On an idle machine each spinner has a core of its own.
        assertThat(spinnerCores).isLessThanOrEqualTo(threads * 1.05);
    }

    @Test
    void oneBusyThreadKeepsAboutOneCoreBusy() throws Exception {
        assertCoresUsed(1);
    }

    @Test
    void twoBusyThreadsKeepTwoCoresBusy() throws Exception {
        assumeTrue(CORES >= 2, "needs two cores");
        assertCoresUsed(2);
    }

    @Test
    void sleepingUsesAlmostNoCpu() throws Exception {
        // Other threads of the JVM (JIT, GC, earlier tests) only add CPU time: the quietest of three tries counts.
        Timing quietest = null;
        for (int i = 0; i < 3 && (quietest == null || quietest.coresUsed() >= 0.2); i++) {
            Timing t = Measure.time(() -> {
                Thread.sleep(300);
                return "done";
            }).timing();
            quietest = quietest == null || t.coresUsed() < quietest.coresUsed() ? t : quietest;
        }
        assertThat(quietest.realSeconds()).isGreaterThanOrEqualTo(0.29);
        assertThat(quietest.coresUsed()).isLessThan(0.2);
    }

    @Test
    void childProcessCpuIsCounted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").inheritIO().start();
        // A child's CPU time is added to ours when it is reaped, which waitFor() does inside the block.
        Timing t = Measure.time(() -> child.waitFor()).timing();
        assertThat(t.childUserSeconds() + t.childSysSeconds()).isGreaterThan(0.1);
        assertThat(t.childPeakRssBytes()).isPositive();
        assertThat(t.cpuSeconds()).isGreaterThanOrEqualTo(t.childUserSeconds() + t.childSysSeconds());
    }

    @Test
    void aChildsOwnHighWaterMarkIsNotTheRusageFigureItInherits() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        Process child = new ProcessBuilder("sleep", "5").start();
        double childPeak;
        try {
            childPeak = 0;
            for (int tries = 0; tries < 200 && childPeak == 0; tries++) {
                Thread.sleep(10);
                childPeak = PeakRss.highWaterMib(child.pid());
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        double jvm = PeakRss.currentMib(ProcessHandle.current().pid());
        assertThat(childPeak).isPositive().isLessThan(jvm / 4);
        // ru_maxrss survives exec, and the child was spawned while it shared this JVM's memory.
        assertThat(ProcessUsage.now().childPeakRssBytes() / (1024.0 * 1024.0)).isGreaterThan(childPeak * 2);
    }

    @Test
    void theValueComesBackAndPeakMemoryIsReported() throws Exception {
        Measure.Measured<String> m = Measure.time(() -> "hello");
        assertThat(m.value()).isEqualTo("hello");
        assertThat(m.timing().peakRssBytes()).isGreaterThan(1L << 20);
        assertThat(m.timing().userSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void usesGetrusageOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(ProcessUsage.sourceName()).isEqualTo("getrusage");
        assertThat(ProcessUsage.now().peakRssBytes())
                .as("ru_maxrss is KiB on Linux: converted to bytes it is at least a MiB")
                .isGreaterThan(1L << 20);
    }

    @Test
    void stopwatchTimesATryBlockAndStopsOnce() throws Exception {
        Timing t;
        try (Stopwatch watch = Stopwatch.start()) {
            Thread.sleep(50);
            t = watch.stop();
            Thread.sleep(20);
            assertThat(watch.stop()).isSameAs(t);
        }
        assertThat(t.realSeconds()).isBetween(0.045, 5.0);
        assertThat(Measure.time(() -> { }).realSeconds()).isLessThan(1.0);
    }

    @Test
    void printsLikeTheShellsTime() {
        Timing t = new Timing(61.5, 2.25, 0.5, 1.0, 0.25, 100L << 20, 0);
        assertThat(t.toString()).startsWith("real\t1m1.500s").contains("user\t0m3.250s").contains("sys\t0m0.750s")
                .contains("peak RSS 100 MiB");
        assertThat(t.summary()).contains("cpu/real 0.07");
        assertThat(new Timing(0.004, 0.008, 0, 0, 0, 0, 0).summary()).endsWith("(too short for cpu/real)").doesNotContain("cpu/real 2");
    }

    @Test
    void countsTheCpuTimeRemoteWorkersReport() {
        Timing driver = new Timing(10, 1.5, 0.5, 0, 0, 0, 0);
        Timing cluster = driver.withRemoteCpu(16).withRemoteCpu(2);
        assertThat(cluster.ownCpuSeconds()).isEqualTo(2.0);
        assertThat(cluster.workerCpuSeconds()).isEqualTo(18.0);
        assertThat(cluster.cpuSeconds()).isEqualTo(20.0);
        assertThat(cluster.summary()).contains("remote cpu 18.000s").contains("cpu/real 2.00");
        assertThat(driver.summary()).doesNotContain("remote").contains("cpu/real 0.20");
    }
}
