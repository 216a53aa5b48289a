package parallellab.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ProfilerTest {

    @TempDir
    Path dir;

    /** Busy for {@code millis} of this thread's CPU time, however loaded the machine is. */
    static double spin(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 100; i++) {
                x += inner(x);
            }
        }
        return x;
    }

    static double inner(double x) {
        double y = x;
        for (int i = 0; i < 200; i++) {
            y = Math.sqrt(y + i);
        }
        return y * 1e-9;
    }

    private static double totalPct(Table table, String methodPart) {
        return table.where(table.stringColumn("method").containsString(methodPart)).doubleColumn("total_pct").max();
    }

    @Test
    void cpuProfileFindsTheBusyMethodAndMakesASelfContainedFlameGraph() throws Exception {
        Profiler.Profiled<Double> profiled = Profiler.profile(Mode.CPU, () -> spin(400));
        Profile profile = profiled.profile();
        assertThat(profile.event()).isIn("cpu", "itimer", "ctimer", "jfr");
        assertThat(profile.samples()).isGreaterThan(5);
        Table table = profile.table();
        assertThat(table.columnNames()).containsExactly("method", "self_samples", "total_samples", "self_pct", "total_pct");
        assertThat(totalPct(table, "ProfilerTest.spin")).isGreaterThan(50);
        assertThat(table.longColumn("total_samples").get(0)).isGreaterThanOrEqualTo(table.longColumn("total_samples").get(1));

        String html = profile.flameGraphHtml();
        assertThat(html).contains("<html").contains("<script").contains("spin");
        // self-contained: nothing is loaded from elsewhere (a plain link to the project is fine)
        assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc=").doesNotContainPattern("<link[^>]*href=")
                .doesNotContainPattern("<img[^>]*src=\\s*[\"']?https?:");

        assertThat(profile.collapsed()).as("stacks start at the block, not at the profiler").doesNotContain("profile/Profiler.")
                .doesNotContain("$$Lambda");

        Profile focused = profile.focus("ProfilerTest\\.inner");
        assertThat(focused.table().stringColumn("method").get(0)).contains("ProfilerTest.inner");
        assertThat(focused.table().doubleColumn("total_pct").get(0)).isEqualTo(100.0);
        assertThat(focused.flameGraphHtml()).contains("<script").contains("inner").doesNotContain("ProfilerTest.spin");

        assertThat(html).contains("function drawFlameGraph() {").contains("new ResizeObserver");

        String frame = profile.flameGraph();
        assertThat(frame).startsWith("<iframe").contains("sandbox=\"allow-scripts").contains("srcdoc=\"&lt;!DOCTYPE html")
                .doesNotContain("<script").endsWith("</iframe>");
    }

    @Test
    void wallProfileShowsAThreadWaitingOnAQueue() throws Exception {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        Thread consumer = Thread.ofPlatform().name("waiting-consumer").start(() -> {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Profile profile = Profiler.profile(Mode.WALL, () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.put("done");
        consumer.join();
        if (!profile.event().equals("jfr")) {
            assertThat(profile.event()).isEqualTo("wall");
            assertThat(totalPct(profile.table(), "ArrayBlockingQueue.take")).isGreaterThan(0);
        }
    }

    @Test
    void theFlightRecorderFallbackGivesTheSameTable() throws Exception {
        Profile profile = Profiler.profileWithFlightRecorder(Mode.CPU, () -> spin(400)).profile();
        assertThat(profile.event()).isEqualTo("jfr");
        assertThat(totalPct(profile.table(), "ProfilerTest.spin")).isGreaterThan(50);
        assertThat(profile.flameGraphHtml()).contains("<script");
    }

    @Test
    void aSavedProfileHoldsFlameGraphTableAndStacks() throws Exception {
        Profiler.Profiled<Double> profiled = Profiler.profile(Mode.CPU, () -> spin(100));
        profiled.profile().save(dir.resolve("prof"));
        assertThat(profiled.value()).isGreaterThan(0);
        assertThat(dir.resolve("prof/flame.html")).isNotEmptyFile();
        assertThat(dir.resolve("prof/collapsed.txt")).exists();
        assertThat(Files.readAllLines(dir.resolve("prof/profile.csv")).getFirst()).isEqualTo("method,self_samples,total_samples,self_pct,total_pct");
    }

    @Test
    void tableCountsRecursionOnceAndSelfOnTop() {
        Profile p = new Profile(Mode.CPU, "test", "main;f;f;g 3\nmain;f 1\nmain;h 6\n", "");
        Table t = p.table();
        assertThat(t.stringColumn("method").asList()).containsExactly("main", "h", "f", "g");
        assertThat(t.longColumn("total_samples").asList()).containsExactly(10L, 6L, 4L, 3L);
        assertThat(t.longColumn("self_samples").asList()).containsExactly(0L, 6L, 1L, 3L);
        assertThat(t.doubleColumn("total_pct").get(2)).isEqualTo(40.0);
        assertThat(p.top(2).rowCount()).isEqualTo(2);
        assertThat(p).hasToString("cpu profile (test): 10 samples of about 10 ms");
        assertThat(p.focus("nothing matches").samples()).isZero();
        assertThat(p.focus("nothing matches").flameGraph()).isEmpty();
    }

    @Test
    void stacksOfTheProfiledThreadStartBelowTheProfiler() {
        String raw = "main;parallellab/profile/Profiler.profile;parallellab/profile/Profiler.lambda$profile$0;Demo$$Lambda.0x1.run;Demo.work;Demo.leaf 5\n"
                + "clone3;JavaThread::run;C2Compiler::compile 2\n"
                + "main;parallellab/profile/Profiler.withAsyncProfiler 1\n";
        Profile p = Profiler.profileOf(Mode.CPU, "cpu", raw);
        assertThat(p.collapsed()).isEqualTo("Demo.work;Demo.leaf 5\nclone3;JavaThread::run;C2Compiler::compile 2\n");
        assertThat(p.table().stringColumn("method").asList()).as("equal totals: callers first")
                .containsExactly("Demo.work", "Demo.leaf", "clone3", "JavaThread::run", "C2Compiler::compile");
        assertThat(p.samples()).isEqualTo(7);
        assertThat(p.flameGraphHtml()).contains("Demo.leaf");
    }
}
