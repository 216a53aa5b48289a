package parallellab.work;

import java.io.Serial;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileBudget} kept on the scanner's own thread, for a scan that can carry on without a
 * thread ({@link Rescue}): no hand-off per file, so a clean file costs next to nothing.
 *
 * <p>Each file runs where the scanner calls it, while one watchdog thread looks at every thread's
 * current file. Over budget, it interrupts the thread (our decoders listen); if the thread has not
 * finished a grace period later, the file is reported as failed, the thread counted as abandoned
 * (in the {@link FileBudget}'s own count, for its summary line), and the {@link Rescue} takes over
 * the files that thread would have done. Should the thread come back some day, what it returns is
 * marked {@link #takenOver} and dropped.
 *
 * <p>The trade-off against {@link FileBudget.Mode#HAND_OFF}: two thread wake-ups per file saved
 * (about 5 us of CPU, a tenth of a warm {@code tags} file), for a scan that needs a partner that
 * can replace its threads; a plain loop calling {@code process} has none, so it gets the hand-off.
 */
public final class InlineBudget implements Workload {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The reason of a result returned by a thread whose file another thread has taken over. */
    private static final String TAKEN_OVER = "taken over by the scan's rescue (dropped)";

    private final transient FileBudget budget;
    private final transient Rescue rescue;
    private final transient ThreadLocal<Slot> slots = new ThreadLocal<>();
    private final transient Set<Slot> watched = ConcurrentHashMap.newKeySet();

    InlineBudget(FileBudget budget, Rescue rescue) {
        this.budget = budget;
        this.rescue = rescue;
    }

    /** True for what a thread returns when its file was taken over: the scan drops it. */
    public static boolean takenOver(FileResult result) {
        return result instanceof FileResult.Failed failed && failed.reason() == TAKEN_OVER;
    }

    @Override
    public String name() {
        return budget.name();
    }

    /** The budget this one keeps inline. */
    public FileBudget budget() {
        return budget;
    }

    @Override
    public FileResult process(Path file) {
        boolean claimed = rescue.rescuing();
        if (claimed && !rescue.claim(file)) {
            return new FileResult.Failed(file, TAKEN_OVER);
        }
        Slot slot = slots.get();
        if (slot == null) {
            slot = new Slot(Thread.currentThread());
            slots.set(slot);
            watched.add(slot);
            budget.watch(this);
        }
        WatchedRun run = new WatchedRun(Thread.currentThread(), file, System.nanoTime());
        slot.current = run;
        budget.ensureWatchdog();
        FileResult result;
        try {
            result = budget.work().process(file);
        } finally {
            slot.current = null;
        }
        if (!run.phase.compareAndSet(WatchedRun.RUNNING, WatchedRun.DONE)) {
            while (run.phase.get() == WatchedRun.FIRING) {
                Thread.onSpinWait(); // the watchdog is between its decision and its interrupt
            }
            if (run.phase.compareAndSet(WatchedRun.FIRED, WatchedRun.DONE)) {
                Thread.interrupted(); // the watchdog's interrupt, not the caller's
                result = new FileResult.Failed(file, budget.gaveUp());
            } else {
                Thread.interrupted(); // back after all: the scan may use this thread again, watched anew
                slots.remove();
                return new FileResult.Failed(file, TAKEN_OVER); // abandoned: the rescue has reported it
            }
        }
        if (!claimed && rescue.rescuing() && !rescue.claim(file)) {
            return new FileResult.Failed(file, TAKEN_OVER); // begun before the rescue, which has run it too
        }
        return result;
    }

    /** The scan is over: the budget's watchdog stops looking at its threads. */
    public void close() {
        budget.unwatch(this);
    }

    /**
     * Called by the budget's watchdog every tick: interrupts each file over budget, abandons each
     * thread still running it after the grace. True while a file runs.
     */
    boolean check(long now) {
        long budgetNanos = budget.budget().toNanos();
        boolean busy = false;
        for (Slot slot : watched) {
            WatchedRun run = slot.current;
            if (run == null) {
                if (!slot.thread.isAlive()) {
                    watched.remove(slot);
                }
                continue;
            }
            busy = true;
            if (now - run.since > budgetNanos && run.phase.compareAndSet(WatchedRun.RUNNING, WatchedRun.FIRING)) {
                run.firedAt = now;
                slot.thread.interrupt();
                run.phase.set(WatchedRun.FIRED);
            } else if (run.phase.get() == WatchedRun.FIRED && now - run.firedAt > FileBudget.GRACE.toNanos()
                    && run.phase.compareAndSet(WatchedRun.FIRED, WatchedRun.ABANDONED)) {
                watched.remove(slot);
                budget.countAbandoned();
                rescue.abandoned(slot.thread, run.file, new FileResult.Failed(run.file, budget.gaveUp()));
            }
        }
        return busy;
    }

    /** One thread that runs files, and the file it runs now (null between files). */
    private static final class Slot {
        final Thread thread;
        volatile WatchedRun current;

        Slot(Thread thread) {
            this.thread = thread;
        }
    }
}
