package parallellab.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * FLAWED ON PURPOSE: workers that quit when the queue looks empty. It loses files.
 *
 * <p><b>What it shows.</b> A tempting way to end workers without a join or a pill: each worker
 * loops on {@code poll()} and quits when it returns null. But "the queue is empty right now" is not
 * "there is no more work": the producer is still walking the folder. A worker that polls before the
 * next file is put quits early, and a file put after the last worker quit is never processed. The
 * scan then returns fewer results than {@link SequentialScanner}, silently. On a real library the
 * first poll usually beats the walk, so most runs lose many files; how many changes from run to run.
 * {@code ExitWhenEmptyScannerTest} and {@link #demonstrateRace} force the bad interleavings with
 * latches so the loss is shown every time, not just often.
 *
 * <p><b>What it costs.</b> Correctness. The fix is to say "no more work" explicitly: a join on the
 * queue ({@link QueueThreadScanner}), one pill per worker ({@link ThreadLocalAggregationScanner}),
 * or an executor that is shut down ({@link ExecutorScanner}).
 *
 * <p><b>When to choose it.</b> Never, except to see the race. It stays in the library, named for
 * what it does wrong, with the test that proves the flaw.
 */
public final class ExitWhenEmptyScanner implements LibraryScanner {

    public static final String WORKER_NAME = "exit-when-empty-worker-";

    private final ScanOptions options;
    private final Interleaving interleaving;

    public ExitWhenEmptyScanner(ScanOptions options) {
        this(options, Interleaving.NONE);
    }

    ExitWhenEmptyScanner(ScanOptions options, Interleaving interleaving) {
        this.options = options;
        this.interleaving = interleaving;
    }

    @Override
    public String name() {
        return "exit-when-empty";
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        BlockingQueue<Path> files = new LinkedBlockingQueue<>();
        Queue<FileResult> results = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        try (Gil gil = Gil.activateIf(options.gil())) {
            for (int i = 0; i < options.workers(); i++) {
                Thread worker = new Thread(() -> work(files, results, workload, listener), WORKER_NAME + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            ScanSupport.walk(root, listener, file -> {
                interleaving.beforePut(file);
                files.put(file);
            });
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            ScanSupport.stop(workers);
        }
        return new ArrayList<>(results);
    }

    private void work(BlockingQueue<Path> files, Queue<FileResult> results, Workload workload, ScanListener listener) {
        try {
            while (true) {
                interleaving.beforePoll();
                Path file = files.poll();
                if (file == null) {
                    interleaving.queueLookedEmpty();
                    return; // THE FLAW: empty now does not mean no more files are coming.
                }
                results.add(ScanSupport.processAndReport(workload, file, listener));
            }
        } catch (InterruptedException stopped) {
            // The scan was cut short.
        }
    }

    // The race, forced: the seam the test uses, the two bad interleavings, and the demonstration.

    /**
     * Seam for the test and {@link #demonstrateRace}: lets a worker pause at the racy moment ("the
     * queue looked empty") or the producer before it puts a file. Does nothing in normal use.
     */
    interface Interleaving {
        Interleaving NONE = new Interleaving() {};

        /** A worker is about to poll the queue. */
        default void beforePoll() throws InterruptedException {}

        /** A worker found the queue empty and is about to quit. */
        default void queueLookedEmpty() throws InterruptedException {}

        /** The producer is about to put {@code file} on the queue. */
        default void beforePut(Path file) throws InterruptedException {}
    }

    /** How long a forced interleaving waits for the other side before giving up, so nothing can hang. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /**
     * A forced interleaving: each worker that finds the queue empty waits there until the walk is
     * over, then quits. Subclasses hold the producer back so that the workers find it empty.
     */
    private abstract static class ForcedRace implements Interleaving, ScanListener {
        final CountDownLatch everyWorkerSawEmpty;
        private final CountDownLatch walkDone = new CountDownLatch(1);

        ForcedRace(int workers) {
            everyWorkerSawEmpty = new CountDownLatch(workers);
        }

        @Override
        public void queueLookedEmpty() throws InterruptedException {
            everyWorkerSawEmpty.countDown();
            await(walkDone);
        }

        @Override
        public void walkFinished(int total) {
            walkDone.countDown();
        }
    }

    /**
     * Forces the first way to lose files: every worker polls before the producer puts the first
     * file, finds the queue empty and quits once the walk is over. No file is processed.
     */
    static final class WorkersQuitBeforeTheFirstFile extends ForcedRace {
        WorkersQuitBeforeTheFirstFile(int workers) {
            super(workers);
        }

        @Override
        public void beforePut(Path file) throws InterruptedException {
            await(everyWorkerSawEmpty);
        }
    }

    /**
     * Forces the second way: the workers start once every file but the last is on the queue, work
     * through them, find the queue empty while the producer is still about to put the last file,
     * and quit. Only the last file is lost.
     */
    static final class LastFileArrivesLate extends ForcedRace {
        private final Path last;
        private final CountDownLatch allButLastPut = new CountDownLatch(1);

        LastFileArrivesLate(Path last, int workers) {
            super(workers);
            this.last = last;
        }

        @Override
        public void beforePoll() throws InterruptedException {
            await(allButLastPut);
        }

        @Override
        public void beforePut(Path file) throws InterruptedException {
            if (file.equals(last)) {
                allButLastPut.countDown();
                await(everyWorkerSawEmpty);
            }
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The race shown every time rather than now and then: scans of {@code library} with the two bad
     * interleavings forced, three left to chance, and the correct scanners beside them, as a table of
     * files found, results returned and files lost.
     */
    public static Table demonstrateRace(Path library, Workload workload, int workers) throws InterruptedException {
        List<Path> files = LibraryWalker.audioFiles(library);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no audio files in " + library + ": nothing to race over");
        }
        ScanOptions options = ScanOptions.workers(workers);
        List<RaceRun> runs = new ArrayList<>();
        runs.add(new RaceRun("sequential", "one thread, no race", new SequentialScanner().scan(library, workload)));
        var quitFirst = new WorkersQuitBeforeTheFirstFile(workers);
        runs.add(new RaceRun("exit-when-empty", "forced: every worker polls before the first file is put",
                new ExitWhenEmptyScanner(options, quitFirst).scan(library, workload, quitFirst)));
        var lateFile = new LastFileArrivesLate(files.getLast(), workers);
        runs.add(new RaceRun("exit-when-empty", "forced: the last file is put just after the workers found the queue empty",
                new ExitWhenEmptyScanner(options, lateFile).scan(library, workload, lateFile)));
        for (int run = 1; run <= 3; run++) {
            runs.add(new RaceRun("exit-when-empty", "left to chance, run " + run, new ExitWhenEmptyScanner(options).scan(library, workload)));
        }
        runs.add(new RaceRun("queue-threads", "join() waits until every file put is done", new QueueThreadScanner(options).scan(library, workload)));
        runs.add(new RaceRun("thread-local", "one \"no more files\" pill per worker", new ThreadLocalAggregationScanner(options).scan(library, workload)));
        return Table.create("exit-when-empty against the correct scanners, " + workers + " workers",
                StringColumn.create("scanner", runs.stream().map(RaceRun::scanner).toList()),
                StringColumn.create("interleaving", runs.stream().map(RaceRun::interleaving).toList()),
                IntColumn.create("files", runs.stream().mapToInt(r -> files.size()).toArray()),
                IntColumn.create("results", runs.stream().mapToInt(r -> r.results().size()).toArray()),
                IntColumn.create("lost", runs.stream().mapToInt(r -> files.size() - r.results().size()).toArray()));
    }

    private record RaceRun(String scanner, String interleaving, List<FileResult> results) {}
}
