package parallellab.kernel.jshell;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The switch that stops a runaway cell. Snippet bytecode calls {@link #check()} at every method entry
 * and before every backward branch (see {@link SnippetRewriter}), so even {@code while (true) {}}
 * ends within one loop iteration of an interrupt, without {@code Thread.stop} (gone since JDK 20).
 *
 * <p>What it shows: a check that costs nothing until it fires. A volatile flag read on every loop
 * back-edge cost 15-67% in tight loops (it is a memory read the JIT must keep, and it blocks
 * vectorising). Here the check calls through a {@link MutableCallSite} whose target is "do nothing".
 * The JIT inlines that target as a constant and records that the compiled code depends on it, so a
 * compiled loop contains no check at all. {@link #request()} swaps the target for "throw": the JVM
 * then deoptimizes every method that inlined the old one, including a loop running right now, and
 * the loop continues in the interpreter, where the next check throws. The trade-off: a stop costs a
 * deoptimization, and code compiled before it is compiled again afterwards.
 *
 * <p>Static by necessity: rewritten snippet classes call it without a reference to the kernel.
 */
public final class StopSignal {

    private static final MethodHandle CARRY_ON = MethodHandles.empty(MethodType.methodType(void.class));
    private static final MethodHandle STOP;
    private static final MutableCallSite SITE = new MutableCallSite(CARRY_ON);
    /** A constant for the JIT, so it can inline through the call site to its current target. */
    private static final MethodHandle CHECK = SITE.dynamicInvoker();
    /** Who asked, for {@link #requested()}; the call site is what cell code actually reads. */
    private static volatile boolean stopRequested;

    static {
        try {
            STOP = MethodHandles.lookup().findStatic(StopSignal.class, "stop", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StopSignal() {}

    /** Called by rewritten snippet code; throws once an interrupt was requested. */
    public static void check() {
        try {
            CHECK.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static void stop() {
        throw new CellStoppedError();
    }

    public static synchronized void request() {
        if (!stopRequested) {
            stopRequested = true;
            switchTo(STOP);
        }
    }

    public static synchronized void clear() {
        if (stopRequested) {
            stopRequested = false;
            switchTo(CARRY_ON);
        }
    }

    private static void switchTo(MethodHandle target) {
        SITE.setTarget(target);
        MutableCallSite.syncAll(new MutableCallSite[] {SITE});
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
