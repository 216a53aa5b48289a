package parallellab.kernel.jshell;

import java.util.concurrent.TimeUnit;

/**
 * Holds back JShell's class-path indexer until the kernel is idle. JShell indexes every class on the
 * class path for completion (about a CPU-second for the kit's jars) in a background thread that the
 * first cell starts; on two cores that thread competed with the first cells, and it would disturb any
 * cell that times something. Held back, it starts once no cell has run for a second, or at once when
 * the notebook asks for a completion or an inspection (which need the index).
 *
 * <p>The trade-off: completions of class names the first seconds after start may be missing until the
 * index is built, as before; the gate only moves when the work is done. The indexer is recognised by its
 * stack (JShell's {@code refreshIndexes} asking the file manager for its paths): an internal name, so
 * on a JDK that renames it the gate is simply never shut, and the kernel works as plain JShell does.
 */
final class IndexerGate {

    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_MILLIS = 100;

    private volatile boolean open;
    private volatile int running;
    private volatile long lastActivity = System.nanoTime();

    synchronized void cellStarted() {
        running++;
        lastActivity = System.nanoTime();
    }

    synchronized void cellEnded() {
        running--;
        lastActivity = System.nanoTime();
    }

    /** From now on the indexer runs whenever it wants (a completion needs the index). */
    void open() {
        open = true;
    }

    boolean idle() {
        return open || (running == 0 && System.nanoTime() - lastActivity >= QUIET_NANOS);
    }

    /** Called on every thread that asks the file manager for a location's paths: waits if it is the indexer. */
    void holdIndexer() {
        if (idle() || !calledByIndexer()) {
            return;
        }
        try {
            while (!idle()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // JShell is closing: let the indexer end
        }
    }

    private static boolean calledByIndexer() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().equals("jdk.jshell.SourceCodeAnalysisImpl") && f.getMethodName().equals("refreshIndexes")));
    }
}
