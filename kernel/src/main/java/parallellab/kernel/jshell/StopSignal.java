package parallellab.kernel.jshell;

/**
 * The flag that stops a runaway cell. Snippet bytecode calls {@link #check()} at every method entry
 * and before every backward branch (see {@link SnippetRewriter}), so even {@code while (true) {}}
 * ends within one loop iteration of an interrupt, without {@code Thread.stop} (gone since JDK 20).
 *
 * <p>Static by necessity: rewritten snippet classes call it without a reference to the kernel. The
 * trade-off is one volatile read per loop iteration in cell code, the same price JShell pays.
 */
public final class StopSignal {

    private static volatile boolean stopRequested;

    private StopSignal() {}

    /** Called by rewritten snippet code; throws once an interrupt was requested. */
    public static void check() {
        if (stopRequested) {
            throw new CellStoppedError();
        }
    }

    public static void request() {
        stopRequested = true;
    }

    public static void clear() {
        stopRequested = false;
    }

    static boolean requested() {
        return stopRequested;
    }

    /** Thrown into cell code to unwind it; an Error so that {@code catch (Exception e)} lets it pass. */
    public static final class CellStoppedError extends Error {
        private static final long serialVersionUID = 1L;

        CellStoppedError() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
