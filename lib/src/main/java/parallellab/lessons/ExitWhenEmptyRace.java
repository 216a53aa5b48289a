package parallellab.lessons;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import parallellab.scan.ExitWhenEmptyScanner;
import parallellab.scan.LibraryWalker;
import parallellab.scan.QueueThreadScanner;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.scan.ThreadLocalAggregationScanner;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The race of {@link ExitWhenEmptyScanner}, forced so that it loses files every time rather than
 * now and then.
 *
 * <p>A race depends on timing, so a plain run may lose many files, one or none. Each forced
 * interleaving here holds one side back with latches: the producer, through the scan's listener
 * (the walk tells it about a file just before putting it on the queue), and the workers, through
 * the queue they poll (a {@link LinkedBlockingQueue} whose {@code poll()} waits for its cue and
 * counts the workers that found it empty). The scanner itself stays the plain flawed loop. Every
 * wait gives up after {@link #PATIENCE}, so a harness bug can slow a run but never hang it.
 */
public final class ExitWhenEmptyRace {

    /** How long a forced interleaving waits for the other side before giving up. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private ExitWhenEmptyRace() {}

    /**
     * Scans of {@code library} with the two bad interleavings forced, three left to chance, and the
     * correct scanners beside them, as a table of files found, results returned and files lost.
     */
    public static Table demonstrate(Path library, Workload workload, int workers) throws InterruptedException {
        List<Path> files = LibraryWalker.audioFiles(library);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no audio files in " + library + ": nothing to race over");
        }
        ScanOptions options = ScanOptions.workers(workers);
        List<RaceRun> runs = new ArrayList<>();
        runs.add(new RaceRun("sequential", "one thread, no race", new SequentialScanner().scan(library, workload)));
        runs.add(new RaceRun("exit-when-empty", "forced: every worker polls before the first file is put",
                new WorkersQuitBeforeTheFirstFile(workers).scan(library, workload, options)));
        runs.add(new RaceRun("exit-when-empty", "forced: the last file is put just after the workers found the queue empty",
                new LastFileArrivesLate(files.getLast(), workers).scan(library, workload, options)));
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

    /**
     * A forced interleaving: a queue that counts the workers that found it empty (each then quits),
     * and a listener that hears the producer about to put each file. Subclasses say who waits for whom.
     */
    abstract static class ForcedRace implements ScanListener {
        final CountDownLatch everyWorkerSawEmpty;

        ForcedRace(int workers) {
            everyWorkerSawEmpty = new CountDownLatch(workers);
        }

        /** One scan with this interleaving forced. */
        List<FileResult> scan(Path library, Workload workload, ScanOptions options) throws InterruptedException {
            return new ExitWhenEmptyScanner(options, PausingQueue::new).scan(library, workload, this);
        }

        /** A worker is about to poll. */
        void beforePoll() throws InterruptedException {}

        /** The walk found {@code file} and is about to put it on the queue. */
        @Override
        public abstract void found(Path file);

        /** The queue the workers poll: it waits for its cue before each poll, and counts the empty answers. */
        private final class PausingQueue extends LinkedBlockingQueue<Path> {
            @Override
            public Path poll() {
                try {
                    beforePoll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Path file = super.poll();
                if (file == null) {
                    everyWorkerSawEmpty.countDown();
                }
                return file;
            }
        }
    }

    /**
     * The first way to lose files: the producer waits until every worker has polled the still empty
     * queue (and so quits) before it puts the first file. No file is processed.
     */
    static final class WorkersQuitBeforeTheFirstFile extends ForcedRace {
        WorkersQuitBeforeTheFirstFile(int workers) {
            super(workers);
        }

        @Override
        public void found(Path file) {
            awaitQuietly(everyWorkerSawEmpty);
        }
    }

    /**
     * The second way: the workers start once every file but the last is on the queue, work through
     * them and find the queue empty while the producer waits to put the last file, and quit. Only
     * the last file is lost.
     */
    static final class LastFileArrivesLate extends ForcedRace {
        private final Path last;
        private final CountDownLatch allButLastPut = new CountDownLatch(1);

        LastFileArrivesLate(Path last, int workers) {
            super(workers);
            this.last = last;
        }

        @Override
        void beforePoll() throws InterruptedException {
            allButLastPut.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void found(Path file) {
            if (file.equals(last)) {
                allButLastPut.countDown();
                awaitQuietly(everyWorkerSawEmpty);
            }
        }
    }

    /** Waits for the latch (at most {@link #PATIENCE}); an interrupt is kept for the walk to see. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /*
     * How to run it, in a cell:
     *   ExitWhenEmptyRace.demonstrate(Lab.library(), new TagsWorkload(), 2)
     */
}
