package parallellab.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import parallellab.scan.JoinableQueue;
import parallellab.scan.LibraryWalker;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * The checks of lesson 03's exercises: a worker loop on the kit's {@link JoinableQueue}, the scan
 * with an {@code ExecutorService}, the exit-when-empty race fixed, and a counter that loses no
 * update. Each runs the learner's code on the files of a real library, compares what comes back
 * with the sequential scan's results, and prints one {@link Verdict} line.
 */
public final class ThreadChecks {

    /** Threads the checks start, where the exercise does not choose. */
    static final int WORKERS = 2;

    /** The worker loop of the post: take a file, process it, put the result, mark it done. */
    @FunctionalInterface
    public interface WorkerLoop {
        void work(JoinableQueue<Path> files, BlockingQueue<FileResult> results, Workload workload) throws InterruptedException;
    }

    /** A whole scan of a list of files with {@code workers} threads of an executor. */
    @FunctionalInterface
    public interface ExecutorScan {
        List<FileResult> scan(List<Path> files, Workload workload, int workers) throws Exception;
    }

    /** A worker of a queue that the producer is still filling: it must not stop before the end. */
    @FunctionalInterface
    public interface QueueWorker {
        void work(BlockingQueue<Path> files, Collection<FileResult> results, Workload workload) throws InterruptedException;
    }

    /** Put once per worker after the last file: "no more files", a poison pill. */
    public static final Path END_OF_FILES = Path.of("<end of files>");

    private ThreadChecks() {}

    /** Checks a worker loop: every file processed once, marked done even when processing throws, join() returns. */
    public static void workerLoop(WorkerLoop loop, Path library) {
        Verdict.print(() -> checkWorkerLoop(loop, library));
    }

    /** Checks an executor scan: the same results as the sequential scan, on pool threads, and the pool shut down. */
    public static void executorScan(ExecutorScan scan, Path library) {
        Verdict.print(() -> checkExecutorScan(scan, library));
    }

    /** Checks a queue worker against the race the exit-when-empty scanner loses: every worker reaches the queue before the first file. */
    public static void queueWorker(QueueWorker worker, Path library) {
        Verdict.print(() -> checkQueueWorker(worker, library));
    }

    /** Checks a counter: two increments forced to overlap, then many under contention, all counted. */
    public static void counter(Supplier<? extends DataRace.Counter> make) {
        Verdict.print(() -> checkCounter(make));
    }

    static Verdict checkWorkerLoop(WorkerLoop loop, Path library) throws Exception {
        List<Path> files = LibraryWalker.audioFiles(library);
        Path planted = files.get(files.size() / 2);
        Workload workload = new PlantedBug(new TagsWorkload(), planted);
        JoinableQueue<Path> queue = new JoinableQueue<>();
        BlockingQueue<FileResult> results = new LinkedBlockingQueue<>();
        boolean joined;
        try (CheckThreads workers = new CheckThreads()) {
            for (int i = 0; i < WORKERS; i++) {
                workers.start("check-worker-" + i, () -> loop.work(queue, results, workload));
            }
            files.forEach(queue::put);
            joined = CheckThreads.await(() -> queue.unfinished() == 0, () -> queue.unfinished() * 1_000_000 + results.size(), 1_500, 20_000);
            Throwable other = workers.uncaught().stream().filter(e -> !(e instanceof PlantedBug.Crash)).findFirst().orElse(null);
            if (other != null) {
                return Verdict.wrong("a worker threw " + Verdict.describe(other) + ": read the message, fix the loop and run the cell again.");
            }
        }
        long undone = queue.unfinished();
        if (!joined && undone == files.size() && queue.poll() == null) {
            return Verdict.wrong(undone + " of " + files.size() + " files were taken but never marked done, so join() would wait for ever: "
                    + "call files.taskDone() after each file.");
        }
        if (!joined && undone == 1 && results.size() == files.size() - 1) {
            return Verdict.wrong("the file whose processing threw was never marked done, so join() would wait for ever: "
                    + "call files.taskDone() in a finally block.");
        }
        if (!joined) {
            return Verdict.wrong(undone + " of " + files.size() + " files were never marked done, so join() would wait for ever: "
                    + "did every worker take files until the end and call files.taskDone() for each?");
        }
        Verdict same = sameAsSequential(new ArrayList<>(results), files, Set.of(planted));
        if (!same.right()) {
            return same;
        }
        return Verdict.right(files.size() + " files taken by " + WORKERS + " workers, every one marked done (the one whose processing threw too), "
                + "and join() returned: that is the post's worker loop.");
    }

    static Verdict checkExecutorScan(ExecutorScan scan, Path library) throws Exception {
        List<Path> files = LibraryWalker.audioFiles(library);
        Map<Path, Thread> ranOn = new ConcurrentHashMap<>();
        Map<Path, Integer> calls = new ConcurrentHashMap<>();
        Workload workload = new Recording(new TagsWorkload(), ranOn, calls);
        AtomicReference<List<FileResult>> returned = new AtomicReference<>();
        Thread caller;
        try (CheckThreads running = new CheckThreads()) {
            caller = running.start("check-caller", () -> returned.set(scan.scan(files, workload, WORKERS)));
            boolean ended = CheckThreads.await(running::allEnded, calls::size, 10_000, 30_000);
            if (!running.uncaught().isEmpty()) {
                return Verdict.wrong("your scan threw " + Verdict.describe(running.uncaught().get(0)) + ": read it, fix the cause and run the cell again.");
            }
            if (!ended) {
                return Verdict.wrong("your scan did not return: did it wait for a pool that was never shut down (awaitTermination without shutdown)?");
            }
        }
        List<FileResult> results = returned.get();
        if (results == null) {
            return Verdict.wrong("your scan returned null: return the list of results, one per file.");
        }
        Set<Thread> threads = Set.copyOf(ranOn.values());
        if (threads.equals(Set.of(caller))) {
            return Verdict.wrong("every file was processed on the calling thread: submit one task per file to a pool of "
                    + WORKERS + " threads (Executors.newFixedThreadPool).");
        }
        long twice = calls.values().stream().filter(n -> n > 1).count();
        if (twice > 0) {
            return Verdict.wrong(twice + " files were processed more than once: submit each file once.");
        }
        if (threads.size() > WORKERS) {
            return Verdict.wrong(threads.size() + " threads did the work, more than the " + WORKERS + " asked for: make a pool of `workers` threads.");
        }
        Verdict same = sameAsSequential(results, files, Set.of());
        if (!same.right()) {
            return same;
        }
        for (Thread thread : threads) {
            thread.join(2_000);
        }
        long alive = threads.stream().filter(Thread::isAlive).count();
        if (alive > 0) {
            return Verdict.wrong(alive + " of the pool's threads are still alive after your scan returned: shut the executor down "
                    + "(try-with-resources, or shutdown() in a finally).");
        }
        return Verdict.right(files.size() + " files on " + threads.size() + " pool threads, the same results as the sequential scan, "
                + "and the pool's threads gone once it returned.");
    }

    static Verdict checkQueueWorker(QueueWorker worker, Path library) throws Exception {
        List<Path> files = LibraryWalker.audioFiles(library);
        CountDownLatch everyWorkerLooked = new CountDownLatch(WORKERS);
        BlockingQueue<Path> queue = new FirstTouch(everyWorkerLooked);
        Collection<FileResult> results = new ConcurrentLinkedQueue<>();
        boolean stopped;
        boolean stubborn;
        try (CheckThreads workers = new CheckThreads()) {
            for (int i = 0; i < WORKERS; i++) {
                workers.start("check-worker-" + i, () -> worker.work(queue, results, new TagsWorkload()));
            }
            // The forced interleaving: the walk puts its first file only once every worker has
            // looked at the queue and found it empty (or has already stopped).
            CheckThreads.await(() -> everyWorkerLooked.getCount() == 0 || workers.allEnded(), () -> 0, 5_000, 5_000);
            files.forEach(queue::add);
            for (int i = 0; i < WORKERS; i++) {
                queue.add(END_OF_FILES);
            }
            stopped = CheckThreads.await(workers::allEnded, results::size, 1_500, 20_000);
            if (!workers.uncaught().isEmpty()) {
                return Verdict.wrong("a worker threw " + Verdict.describe(workers.uncaught().get(0)) + ": read it, fix the loop and run the cell again.");
            }
            workers.close();
            stubborn = workers.stubborn();
        }
        long never = files.stream().filter(f -> results.stream().noneMatch(r -> r.path().equals(f.toAbsolutePath().toString()))).count();
        if (results.stream().anyMatch(r -> r.path().equals(END_OF_FILES.toAbsolutePath().toString()))) {
            return Verdict.wrong("END_OF_FILES was processed as if it were a file: stop the loop when you take it.");
        }
        if (never > 0) {
            return Verdict.wrong(never + " of " + files.size() + " files were never processed: a worker that found the queue empty stopped "
                    + "while the walk was still putting files. Wait for a file with take(), and stop only at END_OF_FILES.");
        }
        if (!stopped) {
            return Verdict.wrong("every file was processed, but the workers never stopped" + (stubborn ? ", not even when interrupted" : "")
                    + ": return when you take END_OF_FILES (one is put per worker after the last file).");
        }
        Verdict same = sameAsSequential(new ArrayList<>(results), files, Set.of());
        if (!same.right()) {
            return same;
        }
        return Verdict.right("all " + files.size() + " files processed although every worker found the queue empty before the first file was put, "
                + "and each worker stopped at its END_OF_FILES.");
    }

    static Verdict checkCounter(Supplier<? extends DataRace.Counter> make) throws Exception {
        long forced = DataRace.forced(make, 2);
        if (forced != 2) {
            return Verdict.wrong("2 threads each incremented once, both reading before either wrote, and the count is " + forced
                    + ": make the read and the write one step (synchronized, AtomicLong or LongAdder).");
        }
        int threads = 4;
        int each = 100_000;
        long counted = DataRace.contended(make.get(), threads, each);
        if (counted != (long) threads * each) {
            return Verdict.wrong(threads + " threads × " + each + " increments counted " + counted + ", so " + ((long) threads * each - counted)
                    + " were lost: every read of the count, value() too, must see the others' writes.");
        }
        return Verdict.right("2 increments forced to overlap and " + threads + " × " + each + " contended increments, every one counted.");
    }

    /** The learner's results against the sequential scan's, file by file, leaving out {@code skip}. */
    static Verdict sameAsSequential(List<FileResult> results, List<Path> files, Set<Path> skip) {
        Map<String, Long> counts = results.stream().collect(Collectors.groupingBy(FileResult::path, Collectors.counting()));
        List<Path> expected = files.stream().filter(f -> !skip.contains(f)).toList();
        long missing = expected.stream().filter(f -> !counts.containsKey(f.toAbsolutePath().toString())).count();
        if (missing > 0) {
            return Verdict.wrong(missing + " of " + expected.size() + " files have no result: put each file's result where the check can read it.");
        }
        long twice = counts.values().stream().filter(n -> n > 1).count();
        if (twice > 0) {
            return Verdict.wrong(twice + " files have more than one result: process each file once.");
        }
        Map<String, FileResult> mine = new HashMap<>();
        results.forEach(r -> mine.put(r.path(), r));
        TagsWorkload reference = new TagsWorkload();
        long differ = expected.stream().filter(f -> !reference.process(f).equals(mine.get(f.toAbsolutePath().toString()))).count();
        if (differ > 0) {
            return Verdict.wrong(differ + " of " + expected.size() + " results differ from the sequential scan's: give each file to workload.process(file) as it is.");
        }
        return Verdict.right("same results as the sequential scan");
    }

    /** The workload with a bug planted for one file: it throws, as a parser bug would. */
    record PlantedBug(Workload inner, Path broken) implements Workload {
        static final class Crash extends RuntimeException {
            Crash(Path file) {
                super("a parser bug planted by the check, on " + file.getFileName());
            }
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public FileResult process(Path file) {
            if (file.equals(broken)) {
                throw new Crash(file);
            }
            return inner.process(file);
        }
    }

    /** The workload, noting which thread processed each file and how often. */
    record Recording(Workload inner, Map<Path, Thread> ranOn, Map<Path, Integer> calls) implements Workload {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public FileResult process(Path file) {
            ranOn.put(file, Thread.currentThread());
            calls.merge(file, 1, Integer::sum);
            return inner.process(file);
        }
    }

    /** A queue that counts down once per thread the first time that thread looks into it. */
    static final class FirstTouch extends LinkedBlockingQueue<Path> {
        private final transient CountDownLatch looked;
        private final transient Set<Thread> seen = ConcurrentHashMap.newKeySet();

        FirstTouch(CountDownLatch looked) {
            this.looked = looked;
        }

        private void touch() {
            if (seen.add(Thread.currentThread())) {
                looked.countDown();
            }
        }

        @Override
        public Path poll() {
            Path head = super.poll();
            touch();
            return head;
        }

        @Override
        public Path poll(long timeout, TimeUnit unit) throws InterruptedException {
            touch();
            return super.poll(timeout, unit);
        }

        @Override
        public Path take() throws InterruptedException {
            touch();
            return super.take();
        }
    }
}
