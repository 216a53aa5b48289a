package parallellab.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One place in a {@link ProcessPool}: a worker JVM and the parent thread that feeds it.
 *
 * <p>The thread takes a chunk from the pool's shared queue, writes it to the worker's stdin, waits
 * for the results on its stdout and hands them to the job that asked; a free worker takes the next
 * chunk, so the load balances itself. A second thread copies the worker's stderr to ours with the
 * worker's id in front. When the worker dies the thread reports it, and the pool breaks.
 *
 * <p>Two things replace a worker without breaking the pool: a chunk whose task asked for it
 * ({@link Worker#retireAfterChunk()}), after which the worker exits as after
 * {@code maxTasksPerChild} chunks, and a chunk over the pool's task timeout, for which the worker is
 * killed and the chunk's arguments fail with a {@link TaskTimeoutException}. A fresh worker starts
 * when the next chunk comes.
 */
final class WorkerSlot {

    private static final long EXIT_WAIT_SECONDS = 5;

    private final int id;
    private final ProcessPool pool;
    private final Thread feeder;
    private final List<WorkerStats> retired = new CopyOnWriteArrayList<>();
    private volatile Process process;
    private volatile WorkerStats current;
    private volatile String stderrReason;
    // Touched only by the feeder thread.
    private DataOutputStream toWorker;
    private DataInputStream fromWorker;
    private Thread stderrCopier;

    WorkerSlot(int id, ProcessPool pool) {
        this.id = id;
        this.pool = pool;
        this.feeder = new Thread(this::feed, "process-pool-worker-" + id);
        feeder.setDaemon(true);
    }

    void start() {
        feeder.start();
    }

    private void feed() {
        try {
            spawn();
            pool.workerReady();
            for (ProcessPool.Chunk chunk = pool.nextChunk(); chunk != null; chunk = pool.nextChunk()) {
                if (chunk.job().cancelled()) {
                    continue;
                }
                if (process == null) {
                    spawn();
                }
                boolean replace = run(chunk);
                if (process != null && (replace || pool.maxTasksPerChild() > 0 && current.chunksDone() >= pool.maxTasksPerChild())) {
                    retire();
                }
            }
            retire();
        } catch (InterruptedException terminated) {
            // terminate() interrupted us and kills the worker itself.
        } catch (WorkerGone gone) {
            if (!pool.isStopping()) {
                pool.breakPool(new BrokenProcessPoolException(gone.getMessage()));
            }
        } finally {
            kill();
        }
    }

    private void spawn() throws WorkerGone {
        if (pool.isStopping()) {
            throw new WorkerGone("the pool is stopping");
        }
        Process started;
        try {
            started = pool.command(id).start();
        } catch (IOException e) {
            throw new WorkerGone("worker " + id + " could not start: " + e.getMessage());
        }
        process = started;
        current = new WorkerStats(id, started.pid(), 0, 0, 0, 0, 0, true, 0);
        stderrReason = null;
        toWorker = new DataOutputStream(new BufferedOutputStream(started.getOutputStream()));
        fromWorker = new DataInputStream(new BufferedInputStream(started.getInputStream()));
        stderrCopier = copyStderr(started);
        Object reply;
        try {
            Wire.write(toWorker, new Wire.Hello(id, pool.initializer()));
            reply = Wire.read(fromWorker);
        } catch (IOException | ClassNotFoundException e) {
            throw died("could not start", true);
        }
        if (reply instanceof Wire.StartFailed failed) {
            RemoteTaskException error = RemoteTaskException.from(failed.error());
            throw new WorkerGone("worker " + id + " could not start: its initializer " + pool.initializer().getClass().getName()
                    + " threw " + error.getMessage());
        }
    }

    /**
     * Runs one chunk in the worker and delivers its outcomes; true when the worker must be replaced
     * now (a task asked for it, or the task timeout killed it just as the results came in). A chunk
     * over the task timeout has its worker killed, and its arguments fail; the slot is then empty.
     */
    private boolean run(ProcessPool.Chunk chunk) throws WorkerGone {
        int items = chunk.batch().args().size();
        Process worker = process;
        AtomicBoolean overTime = new AtomicBoolean();
        ScheduledFuture<?> deadline = pool.afterTaskTimeout(() -> {
            if (overTime.compareAndSet(false, true)) {
                worker.destroyForcibly();
            }
        });
        Wire.BatchDone done;
        try {
            Wire.write(toWorker, chunk.batch());
            done = (Wire.BatchDone) Wire.read(fromWorker);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (deadline != null && !overTime.compareAndSet(false, true)) {
                killedOverTime(chunk, items);
                return false;
            }
            throw died("died while running " + items + " task(s) of " + chunk.batch().task().getClass().getSimpleName(), false);
        }
        // Claiming the flag first stops a deadline that fires from now on; one that fired already has killed the worker.
        boolean killedJustNow = deadline != null && !overTime.compareAndSet(false, true);
        if (deadline != null) {
            deadline.cancel(false);
        }
        current = current.withUsage(done.usage()).afterBatch(items, done.threadsLeftBehind());
        chunk.job().deliver(chunk.firstIndex(), done.results());
        return done.retire() || killedJustNow;
    }

    /** The task timeout killed the worker mid-chunk: reap it, fail the chunk's arguments, leave the slot empty. */
    private void killedOverTime(ProcessPool.Chunk chunk, int items) {
        Process worker = process;
        reap(worker);
        joinQuietly(stderrCopier);
        retired.add(current.exited());
        current = null;
        process = null;
        double seconds = pool.taskTimeout().toMillis() / 1000.0;
        String after = seconds == Math.rint(seconds) ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f s", seconds);
        chunk.job().giveUp(chunk.firstIndex(), items,
                new TaskTimeoutException("gave up after " + after + "; the worker JVM (pid " + worker.pid() + ") was killed and replaced"));
    }

    /** Closes the worker's stdin, which tells it to exit, and reaps it. */
    private void retire() {
        Process worker = process;
        if (worker == null) {
            return;
        }
        // A worker that does not say goodbye within the task timeout is killed, like a stuck chunk.
        ScheduledFuture<?> deadline = pool.afterTaskTimeout(worker::destroyForcibly);
        try {
            toWorker.close();
            if (Wire.read(fromWorker) instanceof Wire.Bye bye) {
                current = current.withUsage(bye.usage());
            }
        } catch (IOException | ClassNotFoundException exitedAnyway) {
            // Its last figures are lost; the process is reaped below all the same.
        }
        reap(worker);
        if (deadline != null) {
            deadline.cancel(false);
        }
        retired.add(current.exited());
        current = null;
        process = null;
        pool.workerExited(id);
    }

    /** Kills the worker now (SIGKILL) and reaps it; stops the feeder if it is waiting for work. */
    void kill() {
        Process worker = process;
        if (worker != null) {
            worker.destroyForcibly();
            reap(worker);
        }
        if (Thread.currentThread() != feeder) {
            feeder.interrupt();
        }
    }

    /** For the JVM's exit hook: no waiting, no reaping, just the signal. */
    void killWithoutWaiting() {
        Process worker = process;
        if (worker != null) {
            worker.destroyForcibly();
        }
    }

    /** Waits a bounded time for the feeder thread to end. */
    void awaitStopped() throws InterruptedException {
        if (Thread.currentThread() != feeder) {
            feeder.join(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        }
    }

    boolean stopped() {
        return !feeder.isAlive();
    }

    List<WorkerStats> stats() {
        List<WorkerStats> all = new ArrayList<>(retired);
        WorkerStats now = current;
        if (now != null) {
            all.add(now);
        }
        return all;
    }

    private static int reap(Process worker) {
        try {
            if (!worker.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
                worker.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            worker.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return worker.isAlive() ? -1 : worker.exitValue();
    }

    private WorkerGone died(String doing, boolean quoteStderr) {
        Process worker = process;
        long pid = worker.pid();
        int code = reap(worker);
        joinQuietly(stderrCopier);
        String signal = code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "";
        String stderr = quoteStderr && stderrReason != null ? ": " + stderrReason : "";
        return new WorkerGone("worker " + id + " (pid " + pid + ") " + doing + ": it exited with code " + code + signal + stderr);
    }

    private Thread copyStderr(Process worker) {
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = worker.errorReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (stderrReason == null || isGenericJvmError(stderrReason)) {
                        stderrReason = line;
                    }
                    System.err.println("[worker " + id + "] " + line);
                }
            } catch (IOException closed) {
                // The worker is gone; nothing more to copy.
            }
        }, "process-pool-stderr-" + id);
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    /** The launcher's and the VM's catch-all lines; the line that says why comes before or after them. */
    private static boolean isGenericJvmError(String line) {
        return line.startsWith("Error occurred during initialization of VM") || line.startsWith("Error: Could not create the Java")
                || line.startsWith("Error: A fatal exception has occurred");
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker process ended or never started; the message says which and how. */
    private static final class WorkerGone extends Exception {
        WorkerGone(String message) {
            super(message, null, false, false);
        }
    }
}
