package parallellab.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parallellab.testing.Workers;

/** map, imapUnordered, errors and the sendability check, on one pool of two workers. */
class ProcessPoolTest {

    private static ProcessPool pool;

    @BeforeAll
    static void startPool() throws InterruptedException {
        pool = ProcessPool.create(2);
        pool.awaitReady();
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.terminate();
        Workers.assertNoneLeft();
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void mapKeepsInputOrder() throws InterruptedException {
        assertThat(pool.map(new TestTasks.Square(), upTo(50))).isEqualTo(upTo(50).stream().map(x -> x * x).toList());
        assertThat(pool.map(new TestTasks.Square(), upTo(7), 1)).containsExactly(0, 1, 4, 9, 16, 25, 36);
        assertThat(pool.map(new TestTasks.Square(), upTo(7), 100)).containsExactly(0, 1, 4, 9, 16, 25, 36);
    }

    @Test
    void workersUseC1OnlyUnlessTheOptimizingJitIsAskedFor() throws InterruptedException {
        assertThat(workerArguments(pool)).contains("-XX:TieredStopAtLevel=1");
        try (ProcessPool optimizing = ProcessPool.builder(1).optimizingJit(true).build()) {
            optimizing.awaitReady();
            assertThat(workerArguments(optimizing)).doesNotContain("-XX:TieredStopAtLevel=1");
            assertThat(optimizing.map(new TestTasks.Square(), upTo(4))).containsExactly(0, 1, 4, 9);
        }
    }

    private static List<String> workerArguments(ProcessPool of) {
        long pid = of.workerStats().get(0).pid();
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments()).map(List::of).orElseThrow();
    }

    @Test
    void emptyInputGivesEmptyResult() throws InterruptedException {
        assertThat(pool.map(new TestTasks.Square(), List.of())).isEmpty();
    }

    @Test
    void defaultChunksizeIsCPythons() {
        assertThat(pool.defaultChunksize(100)).isEqualTo(13);
        assertThat(pool.defaultChunksize(8)).isEqualTo(1);
        assertThat(pool.defaultChunksize(9)).isEqualTo(2);
    }

    @Test
    void imapUnorderedReportsEveryIndexOnce() throws InterruptedException {
        List<Integer> indexes = new ArrayList<>();
        pool.imapUnordered(new TestTasks.Square(), upTo(30), 4, outcome -> {
            assertThat(outcome).isInstanceOf(Outcome.Done.class);
            assertThat(((Outcome.Done<Integer>) outcome).value()).isEqualTo(outcome.index() * outcome.index());
            indexes.add(outcome.index());
        });
        assertThat(indexes).containsExactlyInAnyOrderElementsOf(upTo(30));
    }

    @Test
    void bothWorkersTakePart() throws InterruptedException {
        List<Long> pids = pool.map(new TestTasks.Sleep(100), upTo(4), 1);
        assertThat(pids.stream().distinct()).hasSize(2);
    }

    @Test
    void aThrowingTaskComesBackWithTheRemoteStackTraceAndTheOthersStillRun() throws InterruptedException {
        List<Outcome<Integer>> outcomes = new ArrayList<>();
        pool.imapUnordered(new TestTasks.FailOnOdd(), upTo(6), 2, outcomes::add);
        assertThat(outcomes).hasSize(6);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Done).extracting(Outcome::index).containsExactlyInAnyOrder(0, 2, 4);
        Outcome.Failed<Integer> failed = (Outcome.Failed<Integer>) outcomes.stream().filter(o -> o.index() == 3).findFirst().orElseThrow();
        RemoteTaskException remote = (RemoteTaskException) failed.error();
        assertThat(remote.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(remote).hasMessageContaining("odd argument 3");
        assertThat(remote.getStackTrace()).anyMatch(frame -> frame.getClassName().endsWith("FailOnOdd") && frame.getMethodName().equals("apply"));
        assertThat(remote.getCause()).isInstanceOf(RemoteTaskException.class).hasMessageContaining("UncheckedIOException");

        assertThatThrownBy(() -> pool.map(new TestTasks.FailOnOdd(), upTo(6)))
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("argument 1 of 6 failed (3 failed in all)")
                .cause().isInstanceOf(RemoteTaskException.class).hasMessageContaining("odd argument 1");
        assertThat(pool.map(new TestTasks.Square(), List.of(3))).as("the pool still works").containsExactly(9);
    }

    @Test
    void whatATaskPrintsDoesNotCorruptTheResults() throws InterruptedException {
        assertThat(pool.map(new TestTasks.Noisy(), upTo(20), 3)).isEqualTo(IntStream.range(1, 21).boxed().toList());
    }

    @Test
    void aLambdaIsRefusedWithAReasonAndARemedy() {
        PoolTask<Integer, Integer> lambda = x -> x + 1;
        assertThatThrownBy(() -> pool.map(lambda, upTo(3)))
                .isInstanceOf(NotSendableException.class)
                .hasMessageContaining("lambda")
                .hasMessageContaining("loads classes by name from the class path")
                .hasMessageContaining("named record");
    }

    @Test
    void aClassFromAnotherClassLoaderIsRefusedLikeANotebookCellsClass() throws Exception {
        Class<?> cellClass = new CellLikeLoader().loadClass(TestTasks.Square.class.getName());
        assertThat(cellClass).isNotSameAs(TestTasks.Square.class);
        @SuppressWarnings("unchecked")
        PoolTask<Integer, Integer> cellTask = (PoolTask<Integer, Integer>) newInstance(cellClass);
        assertThatThrownBy(() -> pool.map(cellTask, upTo(3)))
                .isInstanceOf(NotSendableException.class)
                .hasMessageContaining("notebook cell")
                .hasMessageContaining("exists only inside the kernel")
                .hasMessageContaining("jar on the class path");
    }

    @Test
    void aFieldThatCannotBeSerializedIsNamed() {
        assertThatThrownBy(() -> pool.map(new TestTasks.HoldsAThread(Thread.currentThread()), upTo(3)))
                .isInstanceOf(NotSendableException.class)
                .hasMessageContaining("java.lang.Thread");
    }

    @Test
    void pathsTravelAsTextAndArriveAsPaths() throws Exception {
        List<java.nio.file.Path> files = List.of(java.nio.file.Path.of("/music/a b.flac"), java.nio.file.Path.of("relative/ü.mp3"));

        assertThat(pool.map(new TestTasks.ParentAndName(), files, 1))
                .containsExactly(java.nio.file.Path.of("/music/seen-a b.flac"), java.nio.file.Path.of("relative/seen-ü.mp3"));
    }

    @Test
    void aPathOfAnotherFileSystemOrAResultThatCannotTravelIsOneLine() throws Exception {
        java.nio.file.Path zip = java.nio.file.Files.createTempDirectory("pool").resolve("paths.zip");
        try (java.nio.file.FileSystem zipFs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
            assertThatThrownBy(() -> pool.map(new TestTasks.ParentAndName(), List.of(zipFs.getPath("/x/a.flac"))))
                    .isInstanceOf(NotSendableException.class)
                    .hasMessageContaining("only paths of the default file system");
        } finally {
            java.nio.file.Files.deleteIfExists(zip);
            java.nio.file.Files.deleteIfExists(zip.getParent());
        }
        assertThatThrownBy(() -> pool.map(new TestTasks.ReturnsAThread(), upTo(1)))
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("the task's result, a java.lang.Thread, is not Serializable");
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> pool.map(new TestTasks.Square(), upTo(3), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be at least 1 (got 0)");
        assertThatThrownBy(() -> ProcessPool.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pool needs at least 1 worker (got 0)");
    }

    @Test
    void workersReportTheirCpuTimeAndMemory() throws InterruptedException {
        pool.map(new TestTasks.Square(), upTo(10));
        List<WorkerStats> stats = pool.workerStats();
        assertThat(stats).hasSize(2).allSatisfy(s -> {
            assertThat(s.alive()).isTrue();
            assertThat(s.peakRssBytes()).isPositive();
            assertThat(s.cpuSeconds()).isPositive();
        });
        assertThat(stats).extracting(WorkerStats::workerId).containsExactly(1, 2);
        assertThat(Workers.alive()).as("the test helper sees the workers").extracting(ProcessHandle::pid)
                .containsExactlyInAnyOrderElementsOf(stats.stream().map(WorkerStats::pid).toList());
    }

    private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    /** Defines its own copy of one class, as JShell defines each cell's classes in its own loader. */
    private static final class CellLikeLoader extends ClassLoader {
        CellLikeLoader() {
            super(ProcessPoolTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(TestTasks.Square.class.getName())) {
                return super.loadClass(name, resolve);
            }
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
