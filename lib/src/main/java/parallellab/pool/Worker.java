package parallellab.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a worker JVM: reads batches from stdin, runs them, writes results to stdout.
 *
 * <p>Stdout is the result channel, so the first thing a worker does is keep the raw stdout for its
 * frames and point {@code System.out} at stderr: whatever a task prints then shows up in the
 * parent's stderr, prefixed with the worker's id, and cannot corrupt a result. A worker ends when
 * its stdin closes (the parent shut the pool down or died) and, should it be busy then, when a
 * watchdog sees that its parent process is gone.
 *
 * <p>A task that leaves something behind it cannot undo, such as a thread that ignored its
 * interrupt and still spins, calls {@link #retireAfterChunk()}: the worker sends its chunk's
 * results and the pool replaces it, as it does after {@code maxTasksPerChild} chunks.
 */
public final class Worker {

    private static volatile boolean retireRequested;
    private static volatile int threadsLeftBehind;

    private Worker() {}

    /**
     * Asks for the worker JVM running this task to exit once the current chunk's results are sent,
     * and for the pool to start a fresh one in its place. Outside a worker JVM it does nothing.
     */
    public static void retireAfterChunk() {
        retireRequested = true;
    }

    /**
     * {@link #retireAfterChunk()}, saying that this worker's tasks have left {@code threads} threads
     * running that would not stop (a total, not an increment): the parent adds them to its own
     * count ({@link WorkerStats#threadsLeftBehind()}), so a scan's summary can say so.
     */
    public static void retireAfterChunk(int threads) {
        threadsLeftBehind = Math.max(threadsLeftBehind, threads);
        retireRequested = true;
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        DataOutputStream toParent = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        DataInputStream fromParent = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        exitWhenParentDies();

        Wire.Hello hello = (Wire.Hello) Wire.read(fromParent);
        if (hello.initializer() != null) {
            try {
                hello.initializer().initialize();
            } catch (Throwable t) {
                Wire.write(toParent, new Wire.StartFailed(RemoteTaskException.capture(t)));
                System.exit(1);
            }
        }
        Wire.write(toParent, new Wire.Ready(ProcessHandle.current().pid()));

        for (byte[] frame = Wire.readFrame(fromParent); frame != null; frame = Wire.readFrame(fromParent)) {
            List<Wire.Result> results = run(frame);
            Wire.write(toParent, new Wire.BatchDone(results, Wire.Usage.ofThisProcess(), retireRequested, threadsLeftBehind));
        }
        Wire.write(toParent, new Wire.Bye(Wire.Usage.ofThisProcess()));
        System.exit(0);
    }

    /** Runs every argument of a batch; a throwing task fails its own argument only. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Wire.Result> run(byte[] frame) {
        Wire.Batch batch;
        try {
            batch = (Wire.Batch) Wire.decode(frame);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalStateException("worker could not read a batch from its parent", e);
        }
        PoolTask task = batch.task();
        List<Wire.Result> results = new ArrayList<>(batch.args().size());
        for (Object arg : batch.args()) {
            try {
                results.add(new Wire.Value(sendable(task.apply(Wire.inbound(arg)))));
            } catch (Throwable t) {
                results.add(RemoteTaskException.capture(t));
            }
        }
        return results;
    }

    /** A result as it is sent back; one that cannot travel fails its own argument with a one-line reason. */
    private static Serializable sendable(Object result) {
        Object out = Wire.outbound(result);
        if (out == null || out instanceof Serializable) {
            return (Serializable) out;
        }
        throw new NotSendableException("the task's result, a " + result.getClass().getName()
                + ", is not Serializable, so it cannot travel back to the parent: return a serializable record or plain values.");
    }

    /** A parent killed with SIGKILL cannot stop its workers: they notice it themselves. */
    private static void exitWhenParentDies() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
