package parallellab.pool;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool} in Java: N worker JVMs that run a task over a list.
 *
 * <p>What it shows: processes do not share a heap (or a GIL), so each worker is a separate JVM
 * started with the part of our class path the tasks need ({@link WorkerClassPath}), and everything
 * that crosses over is serialized: the task (a named {@link PoolTask} record, whose fields play
 * {@code functools.partial}), its arguments in chunks on the worker's stdin, the results on its
 * stdout. What it costs: a JVM start per worker (a few tenths of a second until ready, less once
 * the {@link CdsArchive} exists), some 40 to 130 MB of memory per worker, and serialization both
 * ways. Workers compile with C1 only ({@code -XX:TieredStopAtLevel=1}): on {@code analyze}, a new
 * worker's first map then costs about half the CPU, because C2 spends seconds compiling the decoder
 * and the FFT, and C2's faster code only catches up after several maps; build a pool that is kept
 * across many maps with {@link Builder#optimizingJit(boolean) optimizingJit(true)}. Choose a pool
 * for CPU-bound work that a lock (the simulated GIL) or a crash-prone library must not share with
 * the caller.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(2)) {
 *     List<FileResult> results = pool.map(new WorkloadTask(new TagsWorkload()), paths);
 * }
 * }</pre>
 *
 * <p>Lifecycle, with CPython's names in brackets: {@link #shutdown()} [close] takes no more work
 * and lets queued work finish; {@link #join()} [join] waits for the workers to exit and reaps them,
 * so their CPU time counts as the caller's children time, as {@code time} shows it;
 * {@link #terminate()} [terminate] kills the workers now, and so does {@link #close()}, so that
 * try-with-resources behaves like {@code with Pool() as p:}. An interrupt of a thread waiting on
 * the pool terminates it. A worker that dies breaks the pool: all unfinished work fails fast with a
 * {@link BrokenProcessPoolException} (no retry), like {@code ProcessPoolExecutor}.
 *
 * <p>A task that never returns (a decoder in an endless loop that ignores interrupts) is what
 * {@link Builder#taskTimeout(Duration) taskTimeout} is for: a chunk that runs longer has its worker
 * killed (SIGKILL) and replaced, its arguments fail with a {@link TaskTimeoutException}, and the
 * pool goes on. A process can be killed from outside, a thread cannot: this is the pool's edge over
 * threads for code that may hang.
 */
public final class ProcessPool implements AutoCloseable {

    private enum State { RUNNING, SHUT_DOWN, BROKEN, TERMINATED }

    /** A slice of a job's arguments, starting at {@code firstIndex} of the job's list. */
    record Chunk(Job<?> job, int firstIndex, Wire.Batch batch) {}

    private static final Chunk NO_MORE_WORK = new Chunk(null, -1, null);

    private final int workers;
    private final WorkerInitializer initializer;
    private final int maxTasksPerChild;
    private final Duration taskTimeout;
    /** Kills the workers whose chunk is over the task timeout; null without one. */
    private final ScheduledThreadPoolExecutor deadlines;
    private final List<String> baseCommand;
    private final List<Path> classPath;
    private final String classPathText;
    private final CdsArchive archive;
    private final List<WorkerSlot> slots = new ArrayList<>();
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Set<Job<?>> activeJobs = ConcurrentHashMap.newKeySet();
    private final long createdNanos = System.nanoTime();
    private final AtomicInteger notYetReady;
    private final CompletableFuture<Duration> allReady = new CompletableFuture<>();
    private final Thread exitHook = new Thread(this::killWorkersAtExit, "process-pool-exit-hook");
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.RUNNING;
    private BrokenProcessPoolException broken;

    private ProcessPool(Builder builder) {
        this.workers = builder.workers;
        this.initializer = builder.initializer;
        this.maxTasksPerChild = builder.maxTasksPerChild;
        this.taskTimeout = builder.taskTimeout;
        this.deadlines = taskTimeout == null ? null : deadlineTimer();
        this.classPath = Arrays.stream(builder.classPath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
        this.archive = builder.classDataSharing ? CdsArchive.forWorkers(builder.classPath, builder.jvmOptions) : null;
        this.classPathText = builder.classPath;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small, quick-starting JVMs; the JVM's own errors and warnings go to stderr, since stdout carries results.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr",
                "-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr"));
        if (!builder.optimizingJit) {
            // A worker lives for one job: C2's compile time would not pay back within it (see the class comment).
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(builder.jvmOptions);
        this.baseCommand = List.copyOf(command);
        this.notYetReady = new AtomicInteger(workers);
        Runtime.getRuntime().addShutdownHook(exitHook);
        for (int id = 1; id <= workers; id++) {
            slots.add(new WorkerSlot(id, this));
        }
        slots.forEach(WorkerSlot::start);
    }

    /** A pool of {@code workers} worker JVMs with the default settings; they start at once. */
    public static ProcessPool create(int workers) {
        return builder(workers).build();
    }

    public static Builder builder(int workers) {
        return new Builder(workers);
    }

    /** Settings beyond the number of workers, CPython's {@code Pool} keywords among them. */
    public static final class Builder {
        private final int workers;
        private WorkerInitializer initializer;
        private int maxTasksPerChild;
        private Duration taskTimeout;
        private List<String> jvmOptions = List.of();
        private boolean classDataSharing = true;
        private boolean optimizingJit;
        private String classPath = WorkerClassPath.minimal(System.getProperty("java.class.path"));

        private Builder(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("a pool needs at least 1 worker (got " + workers + ")");
            }
            this.workers = workers;
        }

        /** Runs once in each worker before its first task ({@code initializer=}). */
        public Builder initializer(WorkerInitializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /** Replaces a worker after it has run this many chunks ({@code maxtasksperchild=}); 0 never does. */
        public Builder maxTasksPerChild(int chunks) {
            if (chunks < 0) {
                throw new IllegalArgumentException("maxTasksPerChild must be 0 (never replace) or more (got " + chunks + ")");
            }
            this.maxTasksPerChild = chunks;
            return this;
        }

        /**
         * The longest a chunk may run in its worker; null (the default) waits for ever. Over it, the
         * worker is killed and replaced, and each argument of the chunk fails with a
         * {@link TaskTimeoutException}; the pool goes on. Allow for the whole chunk: with a chunk
         * size of k, k times the time of the slowest argument.
         */
        public Builder taskTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("the task timeout must be more than 0 (got " + timeout + ")");
            }
            this.taskTimeout = timeout;
            return this;
        }

        /** Extra options for each worker JVM, for example {@code -Xmx1g}. */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = List.of(options);
            return this;
        }

        /**
         * Whether workers also compile hot code with C2, the optimizing JIT; off by default. C2 costs
         * each new worker seconds of CPU at first, then runs CPU-bound code like {@code analyze} about
         * 1.85× faster than C1 alone: worth it for a pool kept across many maps, not for one short job.
         */
        public Builder optimizingJit(boolean on) {
            this.optimizingJit = on;
            return this;
        }

        /** Whether workers use (and the first run builds) an AppCDS archive to start faster; on by default. */
        public Builder classDataSharing(boolean on) {
            this.classDataSharing = on;
            return this;
        }

        /**
         * The workers' whole class path. By default it is the part of this JVM's that the workloads
         * need (the kit's jar and the audio, FFT and JSON libraries, and any folder of classes):
         * fewer jars start a worker faster. Pass {@code System.getProperty("java.class.path")} to
         * give the workers everything.
         */
        public Builder classPath(String classPath) {
            this.classPath = classPath;
            return this;
        }

        /** Adds the jar or folder that {@code type} was loaded from, so that tasks of that jar can be sent. */
        public Builder addClassPathOf(Class<?> type) {
            Path location = WorkerClassPath.locationOf(type)
                    .orElseThrow(() -> new NotSendableException(type.getName() + " was not loaded from a jar or folder, so no worker JVM can load it"));
            List<Path> entries = Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                    .map(entry -> WorkerClassPath.normalize(Path.of(entry))).toList();
            if (!entries.contains(location)) {
                classPath = classPath.isEmpty() ? location.toString() : classPath + File.pathSeparator + location;
            }
            return this;
        }

        String classPathText() {
            return classPath;
        }

        public ProcessPool build() {
            if (initializer != null) {
                Sendable.check(initializer, "initializer", Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of).toList());
            }
            return new ProcessPool(this);
        }
    }

    public int workers() {
        return workers;
    }

    /**
     * Waits until every worker has started and run its initializer, and returns the time from the
     * pool's construction until then.
     *
     * @throws BrokenProcessPoolException when a worker could not start (a bad JVM option, a failing initializer)
     */
    public Duration awaitReady() throws InterruptedException {
        try {
            return allReady.get();
        } catch (ExecutionException e) {
            throw (BrokenProcessPoolException) e.getCause();
        } catch (InterruptedException e) {
            terminate();
            throw e;
        }
    }

    /** {@link #map(PoolTask, List, int)} with CPython's default chunk size, ceil(n / (4 * workers)). */
    public <A, R> List<R> map(PoolTask<A, R> task, List<A> args) throws InterruptedException {
        return map(task, args, defaultChunksize(args.size()));
    }

    /**
     * Applies {@code task} to every argument in the workers and returns the results in input order.
     *
     * <p>Every argument is run even when some fail; then the first failure (in input order) is
     * thrown as a {@link CompletionException} whose cause is the {@link RemoteTaskException} with
     * the worker's stack trace, or the {@link BrokenProcessPoolException}. Use
     * {@link #imapUnordered} to see every outcome.
     */
    public <A, R> List<R> map(PoolTask<A, R> task, List<A> args, int chunksize) throws InterruptedException {
        List<R> results = new ArrayList<>(Collections.nCopies(args.size(), null));
        List<Outcome.Failed<R>> failures = new ArrayList<>();
        imapUnordered(task, args, chunksize, outcome -> {
            switch (outcome) {
                case Outcome.Done<R> done -> results.set(done.index(), done.value());
                case Outcome.Failed<R> failed -> failures.add(failed);
            }
        });
        if (!failures.isEmpty()) {
            failures.sort(Comparator.comparingInt(Outcome::index));
            Outcome.Failed<R> first = failures.get(0);
            throw new CompletionException("argument " + first.index() + " of " + args.size() + " failed (" + failures.size()
                    + " failed in all): " + first.error().getMessage(), first.error());
        }
        return results;
    }

    /** {@link #imapUnordered(PoolTask, List, int, Consumer)} with the default chunk size. */
    public <A, R> void imapUnordered(PoolTask<A, R> task, List<A> args, Consumer<Outcome<R>> onEach)
            throws InterruptedException {
        imapUnordered(task, args, defaultChunksize(args.size()), onEach);
    }

    /**
     * Applies {@code task} to every argument and hands each outcome to {@code onEach} as soon as its
     * chunk comes back, in completion order; {@link Outcome#index()} tells which argument it was.
     * {@code onEach} runs on the calling thread, which blocks until all outcomes are in.
     *
     * @throws NotSendableException when the task or an argument cannot travel to a worker JVM
     * @throws InterruptedException when the calling thread is interrupted; the pool is terminated first
     */
    public <A, R> void imapUnordered(PoolTask<A, R> task, List<A> args, int chunksize,
                                                                               Consumer<Outcome<R>> onEach) throws InterruptedException {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1 (got " + chunksize + ")");
        }
        requireRunning();
        Sendable.check(task, "task", classPath);
        Set<Class<?>> argTypes = new HashSet<>();
        for (A arg : args) {
            if (arg instanceof Path path) {
                Sendable.checkPath(path, "argument");
            } else if (arg != null && argTypes.add(arg.getClass())) {
                Sendable.check(arg, "argument", classPath);
            }
        }
        if (args.isEmpty()) {
            return;
        }
        Job<R> job = new Job<>();
        try {
            enqueue(job, task, args, chunksize);
            collect(job, args.size(), onEach);
        } catch (InterruptedException e) {
            terminate();
            throw e;
        } finally {
            job.cancel();
            activeJobs.remove(job);
        }
    }

    /**
     * Registers the job and queues its chunks in one step under the pool's lock, so that a
     * {@link #shutdown()} or {@link #terminate()} on another thread comes either wholly before (the
     * map fails at once) or wholly after (its chunks are ahead of the stop markers, or the job is
     * among those that {@link #stopEverything} fails). Checked separately, a shutdown in between
     * would queue the chunks behind the stop markers, and the map would wait for them forever.
     */
    private <A, R> void enqueue(Job<R> job, PoolTask<A, R> task, List<A> args, int chunksize) {
        synchronized (lock) {
            requireRunning();
            activeJobs.add(job);
            for (int first = 0; first < args.size(); first += chunksize) {
                List<Object> slice = new ArrayList<>(args.subList(first, Math.min(args.size(), first + chunksize)));
                slice.replaceAll(Wire::outbound);
                queue.add(new Chunk(job, first, new Wire.Batch(task, slice)));
            }
        }
    }

    private static <R> void collect(Job<R> job, int size, Consumer<Outcome<R>> onEach) throws InterruptedException {
        BitSet done = new BitSet(size);
        while (done.cardinality() < size) {
            switch (job.inbox.take()) {
                case Job.Message.Arrived<R> arrived -> {
                    done.set(arrived.outcome().index());
                    onEach.accept(arrived.outcome());
                }
                case Job.Message.PoolBroke<R> broke -> {
                    for (int i = done.nextClearBit(0); i < size; i = done.nextClearBit(i + 1)) {
                        done.set(i);
                        onEach.accept(new Outcome.Failed<>(i, broke.cause()));
                    }
                }
            }
        }
    }

    /** {@link #defaultChunksize(int, int)} for this pool's workers. */
    public int defaultChunksize(int items) {
        return defaultChunksize(items, workers);
    }

    /**
     * CPython's rule, ceil(n / (4 * workers)): about four chunks per worker, so a slow chunk at the
     * end costs little. The one place the kit writes it; the scanners and Spark's partitions use it.
     */
    public static int defaultChunksize(int items, int workers) {
        return Math.max(1, (items + 4 * workers - 1) / (4 * workers));
    }

    /** Each worker's CPU time, peak RSS and work done, replaced workers included, in slot order. */
    public List<WorkerStats> workerStats() {
        return slots.stream().flatMap(slot -> slot.stats().stream()).toList();
    }

    /** [close] Takes no more work; queued work still runs. Then {@link #join()} waits for the workers. */
    public void shutdown() {
        synchronized (lock) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.SHUT_DOWN;
            // Under the lock, so no map's chunks can be queued behind the markers (see enqueue).
            slots.forEach(slot -> queue.add(NO_MORE_WORK));
        }
    }

    /** [join] Waits until every worker has finished its queued work, exited and been reaped. */
    public void join() throws InterruptedException {
        synchronized (lock) {
            if (state == State.RUNNING) {
                throw new IllegalStateException("call shutdown() or terminate() before join()");
            }
        }
        try {
            for (WorkerSlot slot : slots) {
                while (!slot.stopped()) {
                    slot.awaitStopped();
                }
            }
        } catch (InterruptedException e) {
            terminate();
            throw e;
        }
        stopDeadlines();
        removeExitHook();
    }

    /** [terminate] Kills every worker now (SIGKILL) and reaps it; unfinished work fails. */
    public void terminate() {
        synchronized (lock) {
            if (state == State.TERMINATED) {
                return;
            }
            state = State.TERMINATED;
        }
        stopEverything(new BrokenProcessPoolException("the pool was terminated"));
        removeExitHook();
    }

    /**
     * The same as {@link #terminate()}, so that try-with-resources never leaves a worker behind. One
     * exception: when no work is left and a worker is writing the class-data archive, the workers
     * exit normally ({@link #shutdown()}, {@link #join()}), because a killed JVM writes no archive.
     * That happens once per build of the kit and costs the first pool a few tenths of a second.
     */
    @Override
    public void close() {
        boolean idle;
        synchronized (lock) {
            idle = state == State.RUNNING && activeJobs.isEmpty();
        }
        if (idle && archive != null && archive.beingWritten()) {
            shutdown();
            try {
                join();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        terminate();
    }

    // ---- called by the worker slots ----

    int maxTasksPerChild() {
        return maxTasksPerChild;
    }

    WorkerInitializer initializer() {
        return initializer;
    }

    Duration taskTimeout() {
        return taskTimeout;
    }

    /** Runs {@code kill} once the task timeout has passed, unless cancelled; null when there is no timeout. */
    ScheduledFuture<?> afterTaskTimeout(Runnable kill) {
        if (deadlines == null) {
            return null;
        }
        try {
            return deadlines.schedule(kill, taskTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return null; // the pool is stopping and kills every worker itself
        }
    }

    /**
     * How to start worker {@code workerId}. The class path goes in the CLASSPATH variable rather than
     * on the command line, so that {@code ps} shows a short line that ends in the worker's id.
     */
    ProcessBuilder command(int workerId) {
        List<String> command = new ArrayList<>(baseCommand);
        if (archive != null) {
            command.addAll(1, archive.options(workerId));
        }
        command.add(Worker.class.getName());
        command.add(String.valueOf(workerId));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", classPathText);
        return builder;
    }

    void workerReady() {
        if (notYetReady.decrementAndGet() == 0) {
            allReady.complete(Duration.ofNanos(System.nanoTime() - createdNanos));
        }
    }

    void workerExited(int workerId) {
        if (archive != null) {
            archive.workerExited(workerId);
        }
    }

    /** The next chunk to run, or null when the pool is shut down and the queued work is done. */
    Chunk nextChunk() throws InterruptedException {
        Chunk chunk = queue.take();
        return chunk == NO_MORE_WORK ? null : chunk;
    }

    boolean isStopping() {
        synchronized (lock) {
            return state == State.BROKEN || state == State.TERMINATED;
        }
    }

    void breakPool(BrokenProcessPoolException cause) {
        synchronized (lock) {
            if (state == State.BROKEN || state == State.TERMINATED) {
                return;
            }
            state = State.BROKEN;
            broken = cause;
        }
        stopEverything(cause);
    }

    // ---- internals ----

    private void stopEverything(BrokenProcessPoolException cause) {
        allReady.completeExceptionally(cause);
        queue.clear();
        activeJobs.forEach(job -> job.fail(cause));
        slots.forEach(WorkerSlot::kill);
        boolean interrupted = false;
        for (WorkerSlot slot : slots) {
            try {
                slot.awaitStopped();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        stopDeadlines();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "process-pool-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Stops the deadline thread; its tasks only send a signal, so it ends at once. */
    private void stopDeadlines() {
        if (deadlines == null) {
            return;
        }
        deadlines.shutdownNow();
        try {
            deadlines.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunning() {
        synchronized (lock) {
            switch (state) {
                case RUNNING -> { }
                case BROKEN -> throw new BrokenProcessPoolException("pool is broken: " + broken.getMessage());
                default -> throw new IllegalStateException("pool is closed");
            }
        }
    }

    private void killWorkersAtExit() {
        slots.forEach(WorkerSlot::killWithoutWaiting);
    }

    private void removeExitHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // The JVM is already exiting; the hook runs anyway and finds nothing to kill.
        }
    }

    /** The parent side of one map call: outcomes arrive here from the slots' threads. */
    static final class Job<R> {

        /** What a job's inbox carries: an argument's outcome, or the news that the pool broke. */
        sealed interface Message<R> {
            record Arrived<R>(Outcome<R> outcome) implements Message<R> {}

            record PoolBroke<R>(BrokenProcessPoolException cause) implements Message<R> {}
        }

        private final BlockingQueue<Message<R>> inbox = new LinkedBlockingQueue<>();
        private volatile boolean cancelled;

        void deliver(int firstIndex, List<Wire.Result> results) {
            for (int i = 0; i < results.size(); i++) {
                int index = firstIndex + i;
                inbox.add(new Message.Arrived<>(switch (results.get(i)) {
                    case Wire.Value value -> {
                        @SuppressWarnings("unchecked") // the task's own return value, back from the worker
                        R r = (R) Wire.inbound(value.value());
                        yield new Outcome.Done<>(index, r);
                    }
                    case Wire.Thrown thrown -> new Outcome.Failed<R>(index, RemoteTaskException.from(thrown));
                }));
            }
        }

        /** Fails the {@code count} arguments from {@code firstIndex} on, each with {@code error}. */
        void giveUp(int firstIndex, int count, RuntimeException error) {
            for (int i = 0; i < count; i++) {
                inbox.add(new Message.Arrived<>(new Outcome.Failed<R>(firstIndex + i, error)));
            }
        }

        void fail(BrokenProcessPoolException cause) {
            inbox.add(new Message.PoolBroke<>(cause));
        }

        void cancel() {
            cancelled = true;
        }

        boolean cancelled() {
            return cancelled;
        }
    }
}
