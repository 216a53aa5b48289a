package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import parallellab.work.FileResult;

/**
 * The lesson checks judge right: each exercise's starter code gets a ✘ and its solution a ✔ (the
 * notebook test runs the same in the kernel), and the data-race demo loses an update every time it
 * is forced to, while every fix counts them all.
 */
class ChecksTest {

    private final Path sample = Lab.sample(Lab.library(), "", 8);

    @Test
    void workerLoop() throws Exception {
        ThreadChecks.WorkerLoop starter = (files, results, workload) -> {
            while (true) {
                files.take();
            }
        };
        ThreadChecks.WorkerLoop noFinally = (files, results, workload) -> {
            while (true) {
                Path file = files.take();
                results.put(workload.process(file));
                files.taskDone();
            }
        };
        ThreadChecks.WorkerLoop solution = (files, results, workload) -> {
            while (true) {
                Path file = files.take();
                try {
                    results.put(workload.process(file));
                } finally {
                    files.taskDone();
                }
            }
        };
        assertThat(ThreadChecks.checkWorkerLoop(starter, sample).line()).startsWith("✘").contains("never marked done");
        assertThat(ThreadChecks.checkWorkerLoop(noFinally, sample).line()).startsWith("✘").contains("finally");
        assertThat(ThreadChecks.checkWorkerLoop(solution, sample).line()).startsWith("✔");
    }

    @Test
    void executorScan() throws Exception {
        ThreadChecks.ExecutorScan starter = (files, workload, workers) -> {
            List<FileResult> results = new ArrayList<>();
            for (Path file : files) {
                results.add(workload.process(file));
            }
            return results;
        };
        ThreadChecks.ExecutorScan neverShutDown = (files, workload, workers) -> submitAll(Executors.newFixedThreadPool(workers), files, workload);
        ThreadChecks.ExecutorScan solution = (files, workload, workers) -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
                return submitAll(pool, files, workload);
            }
        };
        assertThat(ThreadChecks.checkExecutorScan(starter, sample).line()).startsWith("✘").contains("calling thread");
        assertThat(ThreadChecks.checkExecutorScan(neverShutDown, sample).line()).startsWith("✘").contains("shut the executor down");
        assertThat(ThreadChecks.checkExecutorScan(solution, sample).line()).startsWith("✔");
    }

    private static List<FileResult> submitAll(ExecutorService pool, List<Path> files, parallellab.work.Workload workload) throws Exception {
        List<Future<FileResult>> futures = new ArrayList<>();
        for (Path file : files) {
            futures.add(pool.submit(() -> workload.process(file)));
        }
        List<FileResult> results = new ArrayList<>();
        for (Future<FileResult> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    @Test
    void queueWorkerFixesTheExitWhenEmptyRace() throws Exception {
        ThreadChecks.QueueWorker starter = (files, results, workload) -> {
            while (true) {
                Path file = files.poll();
                if (file == null) {
                    return;
                }
                results.add(workload.process(file));
            }
        };
        ThreadChecks.QueueWorker solution = (files, results, workload) -> {
            while (true) {
                Path file = files.take();
                if (file == ThreadChecks.END_OF_FILES) {
                    return;
                }
                results.add(workload.process(file));
            }
        };
        assertThat(ThreadChecks.checkQueueWorker(starter, sample).line()).startsWith("✘").contains("8 of 8 files were never processed");
        assertThat(ThreadChecks.checkQueueWorker(solution, sample).line()).startsWith("✔");
    }

    @Test
    void theUnsafeCounterLosesAnUpdateEveryTimeItIsForcedAndEveryFixCountsThemAll() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(DataRace.forced(DataRace.UnsafeCounter::new, 2)).isEqualTo(1);
        }
        assertThat(ThreadChecks.checkCounter(DataRace.UnsafeCounter::new).line()).startsWith("✘");
        assertThat(ThreadChecks.checkCounter(DataRace.Locked::new).line()).startsWith("✔");
        assertThat(ThreadChecks.checkCounter(DataRace.Atomic::new).line()).startsWith("✔");
        assertThat(ThreadChecks.checkCounter(DataRace.Adder::new).line()).startsWith("✔");
        assertThat(DataRace.confined(4, 10_000)).isEqualTo(40_000);
        var table = DataRace.sideBySide(2, 20_000);
        assertThat(table.rowCount()).isEqualTo(5);
        for (int row = 1; row < 5; row++) {
            assertThat(table.longColumn("lost").get(row)).as(table.stringColumn("counter").get(row)).isZero();
        }
    }

    @Test
    void aCheckNeverThrowsALearnersException() {
        Verdict verdict = Verdict.of(() -> ThreadChecks.checkExecutorScan((files, workload, workers) -> {
            throw new IllegalStateException("oops");
        }, sample));
        assertThat(verdict.line()).startsWith("✘").contains("IllegalStateException").contains("oops");
    }

    @Test
    void progressAndPartialTaskInRealWorkerJvms() throws Exception {
        PoolChecks.ProgressLoop starter = (pool, task, paths, show) -> {
            List<FileResult> results = pool.map(task, paths);
            show.accept(results.size() + " of " + paths.size() + " files");
        };
        PoolChecks.ProgressLoop solution = (pool, task, paths, show) -> {
            int[] done = {0};
            pool.imapUnordered(task, paths, 1, outcome -> show.accept(++done[0] + " of " + paths.size() + " files"));
        };
        assertThat(PoolChecks.checkProgress(starter, sample).line()).startsWith("✘").contains("1 update for");
        assertThat(PoolChecks.checkProgress(solution, sample).line()).startsWith("✔");
        assertThat(PoolChecks.checkPartialTask(seconds -> new parallellab.scan.WorkloadTask(new parallellab.work.TagsWorkload()), sample).line())
                .startsWith("✘").contains("no analysis");
        assertThat(PoolChecks.checkPartialTask(seconds -> new parallellab.scan.WorkloadTask(new parallellab.work.AnalyzeWorkload(seconds)), sample).line())
                .startsWith("✔");
    }

    @Test
    void measuringProfilingAndSpeedupChecks() throws Exception {
        assertThat(MeasureChecks.checkTimeIt((job, warmups, repeats) -> {
            long start = System.nanoTime();
            job.run();
            return (System.nanoTime() - start) / 1e9;
        }).line()).startsWith("✘").contains("cold");
        assertThat(MeasureChecks.checkTimeIt((job, warmups, repeats) -> {
            for (int i = 0; i < warmups; i++) {
                job.run();
            }
            double[] times = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                job.run();
                times[i] = (System.nanoTime() - start) / 1e9;
            }
            java.util.Arrays.sort(times);
            return times[repeats / 2];
        }).line()).startsWith("✔");
        assertThat(MeasureChecks.checkCoresBusy(t -> t.userSeconds() / t.realSeconds()).line()).startsWith("✘");
        assertThat(MeasureChecks.checkCoresBusy(t -> t.cpuSeconds() / t.realSeconds()).line()).startsWith("✔");
        assertThat(SpeedupChecks.checkSerialFraction((p, s) -> 0).line()).startsWith("✘");
        assertThat(SpeedupChecks.checkSerialFraction((p, s) -> (p / s - 1) / (p - 1)).line()).startsWith("✔");
        assertThat(SpeedupChecks.checkAmdahl((f, p) -> p).line()).startsWith("✘");
        assertThat(SpeedupChecks.checkAmdahl((f, p) -> 1 / (f + (1 - f) / p)).line()).startsWith("✔");
        var taken = new parallellab.profile.Profile(parallellab.profile.Mode.CPU, "cpu",
                "main;run;AnalyzeWorkload.process;Fft.go 7\nmain;run;Other.x 3", "");
        assertThat(ProfileChecks.checkHottest(p -> p.table().stringColumn("method").get(0), taken).line()).startsWith("✘").contains("total");
        assertThat(ProfileChecks.checkHottest(p -> p.table().sortDescendingOn("self_samples").stringColumn("method").get(0), taken).line()).startsWith("✔");
        assertThat(ProfileChecks.checkShare((p, m) -> 0, taken).line()).startsWith("✘");
        assertThat(ProfileChecks.checkShare((p, m) -> (double) p.focus(m).samples() / p.samples(), taken).line()).startsWith("✔");
    }
}
