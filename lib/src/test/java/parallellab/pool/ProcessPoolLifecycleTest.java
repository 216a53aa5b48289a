package parallellab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parallellab.testing.Workers;

/** Start, replacement, shutdown and every way a pool can end: each test leaves no worker behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessPoolLifecycleTest {

    @AfterEach
    void noWorkerRemains() throws InterruptedException {
        Workers.assertNoneLeft();
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void shutdownThenJoinDrainsTheWorkAndReapsTheWorkers() throws Exception {
        double childCpuBefore = childCpuSeconds();
        ProcessPool pool = ProcessPool.create(2);
        Duration ready = pool.awaitReady();
        assertThat(ready).isPositive();
        assertThat(pool.map(new TestTasks.Square(), upTo(10))).hasSize(10);
        pool.shutdown();
        assertThatThrownBy(() -> pool.map(new TestTasks.Square(), upTo(3))).isInstanceOf(IllegalStateException.class).hasMessage("pool is closed");
        pool.join();
        assertThat(pool.workerStats()).hasSize(2).allSatisfy(s -> assertThat(s.alive()).isFalse());
        assertThat(childCpuSeconds()).as("reaped workers count as this JVM's children").isGreaterThan(childCpuBefore);
        pool.close();
    }

    @Test
    void aMapRacingShutdownEndsWithAnErrorOrResultsNeverAHang() throws InterruptedException {
        ProcessPool pool = ProcessPool.create(2);
        var task = new TestTasks.StopsThePoolWhenSent(pool::shutdown);

        // Before the fix the chunks went in behind the stop markers and this map waited forever.
        assertThatThrownBy(() -> pool.map(task, upTo(8))).isInstanceOf(IllegalStateException.class).hasMessage("pool is closed");
        pool.join();
    }

    @Test
    void aMapRacingTerminateEndsWithAnErrorOrResultsNeverAHang() {
        try (ProcessPool pool = ProcessPool.create(2)) {
            var task = new TestTasks.StopsThePoolWhenSent(pool::terminate);

            assertThatThrownBy(() -> pool.map(task, upTo(8))).isInstanceOf(IllegalStateException.class).hasMessage("pool is closed");
        }
    }

    @Test
    void joinBeforeShutdownIsAMistake() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("shutdown()");
        }
    }

    @Test
    void maxTasksPerChildReplacesTheWorker() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.builder(2).maxTasksPerChild(1).build()) {
            List<Long> pids = pool.map(new TestTasks.Pid(), upTo(4), 1);
            assertThat(pids).doesNotHaveDuplicates();
            assertThat(pool.workerStats()).hasSize(4).allSatisfy(s -> assertThat(s.chunksDone()).isEqualTo(1));
        }
    }

    @Test
    void theInitializerRunsInEachWorker() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.builder(2).initializer(new TestTasks.SetProperty("lab.greeting", "hi")).build()) {
            assertThat(pool.map(new TestTasks.ReadProperty("lab.greeting"), upTo(4), 1)).containsOnly("hi");
        }
    }

    @Test
    void aFailingInitializerBreaksThePoolWithItsReason() {
        try (ProcessPool pool = ProcessPool.builder(1).initializer(new TestTasks.FailingInitializer()).build()) {
            assertThatThrownBy(pool::awaitReady).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("FailingInitializer")
                    .hasMessageContaining("no licence for this worker");
            assertThatThrownBy(() -> pool.map(new TestTasks.Square(), upTo(3))).isInstanceOf(BrokenProcessPoolException.class);
        }
    }

    @Test
    void aWorkerThatCannotStartGivesTheJvmsOwnError() {
        try (ProcessPool pool = ProcessPool.builder(2).jvmOptions("-XX:+NoSuchOption").build()) {
            assertThatThrownBy(pool::awaitReady).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("could not start")
                    .hasMessageContaining("exited with code 1")
                    .hasMessageContaining("NoSuchOption");
        }
    }

    @Test
    void anErrorTheJvmItselfPrintsIsQuotedToo() {
        // HotSpot prints its own errors on stdout, the result channel, unless told otherwise.
        try (ProcessPool pool = ProcessPool.builder(1).jvmOptions("-XX:+UseParallelGC").build()) {
            assertThatThrownBy(pool::awaitReady).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("could not start")
                    .hasMessageContaining("garbage collectors");
        }
    }

    @Test
    void aWorkerKilledMidTaskFailsThePendingWorkFast() throws InterruptedException {
        try (ProcessPool pool = ProcessPool.create(2)) {
            pool.awaitReady();
            long victim = pool.workerStats().get(0).pid();
            Thread killer = Thread.ofPlatform().start(() -> {
                sleepQuietly(500);
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            });
            assertThatThrownBy(() -> pool.map(new TestTasks.Sleep(30_000), upTo(8), 1))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("worker 1 (pid " + victim + ")")
                    .hasMessageContaining("exited with code 137 (killed by signal 9)");
            killer.join();
            assertThatThrownBy(() -> pool.map(new TestTasks.Square(), upTo(3))).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("pool is broken");
        }
    }

    @Test
    void anInterruptTerminatesThePool() throws InterruptedException {
        ProcessPool pool = ProcessPool.create(2);
        pool.awaitReady();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                pool.map(new TestTasks.Sleep(30_000), upTo(4), 1);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(500);
        caller.interrupt();
        caller.join(10_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Workers.alive()).isEmpty();
        assertThatThrownBy(() -> pool.map(new TestTasks.Square(), upTo(3))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void terminateKillsBusyWorkersNow() throws InterruptedException {
        ProcessPool pool = ProcessPool.create(2);
        pool.awaitReady();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                pool.map(new TestTasks.Sleep(30_000), upTo(4), 1);
            } catch (CompletionException | InterruptedException expected) {
                // the work fails: the pool was terminated
            }
        });
        Thread.sleep(300);
        pool.terminate();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
    }

    @Test
    void workersDieWithTheirParentJvmWhetherItExitsOrIsKilled() throws Exception {
        for (String ending : List.of("exit", "wait")) {
            Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PoolParent.class.getName(), ending)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<Long> pids;
            try (BufferedReader out = parent.inputReader()) {
                String line = out.readLine();
                assertThat(line).startsWith("pids ");
                pids = Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong).toList();
            }
            assertThat(pids).hasSize(2);
            if (ending.equals("wait")) {
                parent.destroyForcibly();
            }
            parent.waitFor(10, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && !Workers.allDead(pids); i++) {
                Thread.sleep(50);
            }
            assertThat(Workers.allDead(pids)).as("workers of a parent that did '" + ending + "' are gone").isTrue();
        }
    }

    private static double childCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
