package parallellab.work;

import java.io.Serial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A workload with a time budget per file: no file, however broken, can hang the scan.
 *
 * <p>A decoder caught in an endless loop on a damaged file never returns, and Java cannot stop a
 * thread from outside: it can only ask, by interrupting it. So the file runs on a helper thread
 * owned by the thread that called {@link #process}, and the caller waits at most the budget. Over
 * budget, the helper is interrupted (our decoders listen: {@link PcmDecoder}); if it has not
 * finished after a short grace, it is abandoned (a daemon thread renamed
 * {@code file-budget-abandoned-...}, so a thread census can see it), the file fails with "gave up
 * after 12 s", and the next file gets a fresh helper. The scanner never notices: every in-process
 * strategy gets the budget without a change.
 *
 * <p>The trade-off is a hand-off per file (one wake-up each way), paid by every file to guard
 * against the rare one that hangs: a process pool pays nothing per file, but kills a whole worker.
 * The hand-off costs about 4-7 us of CPU per file: nothing beside a decoded file, a tenth of a warm
 * {@code tags} file. So the scanners of {@code Strategies.create} keep this budget inline instead,
 * on their own threads, and replace a thread that ignores the interrupt themselves
 * ({@link #inline}, {@link InlineBudget}, {@code scan.RescuingScanner}); the hand-off is for a
 * budget used on its own, as in {@code work.process(file)}. {@link Mode#WATCHDOG} costs almost
 * nothing, but cannot replace a thread that ignores the interrupt.
 * An abandoned thread still holds its memory and, if it spins, a core, until the JVM exits;
 * {@link #abandoned()} counts them so the summary can say so.
 *
 * <pre>{@code
 * Workload work = new AnalyzeWorkload(5).withBudget(Duration.ofSeconds(20));
 * }</pre>
 */
public final class FileBudget implements Workload {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How long an interrupted helper gets to stop before it is abandoned. */
    static final Duration GRACE = Duration.ofSeconds(1);

    /** An idle helper ends after this long without a file (or at once when its owner has ended). */
    static final long HELPER_KEEP_ALIVE_NANOS = 500_000_000L;

    /**
     * How the budget is kept. {@code HAND_OFF}: the file runs on a helper thread, and one that ignores
     * the interrupt is abandoned, so the scan always completes; it costs two thread wake-ups per file.
     * {@code WATCHDOG}: the file runs on the caller's own thread and one shared watchdog interrupts it
     * when it is over budget; it costs almost nothing per file, but a file that ignores the interrupt
     * still holds its thread, and the scan waits for it. The hand-off is the default: the fuzzer
     * found an MP4 header on which jaudiotagger computes for seconds without a read, deaf to the
     * interrupt, so even {@code tags} needs the guarantee. The watchdog is for measured loops over
     * files known to be sound.
     */
    public enum Mode { HAND_OFF, WATCHDOG }

    private final Workload work;
    private final Duration budget;
    private final Mode mode;
    private transient ThreadLocal<Helper> helpers;
    private transient Set<WatchedRun> watched;
    private transient Set<InlineBudget> inlineScans;
    private transient AtomicReference<Thread> watchdog;
    private transient AtomicInteger abandoned;
    private transient AtomicLong helperNumbers;

    /** {@code work} with at most {@code budget} per file, kept the default way for the workload ({@link Mode}). */
    public FileBudget(Workload work, Duration budget) {
        this(work, budget, null);
    }

    /** {@code work} with at most {@code budget} per file, kept the way {@code mode} says. */
    public FileBudget(Workload work, Duration budget, Mode mode) {
        if (work == null) {
            throw new IllegalArgumentException("work must not be null");
        }
        if (work instanceof FileBudget inner) {
            work = inner.work;
            mode = mode != null ? mode : inner.mode;
        }
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the file budget must be more than 0 (got " + budget + ")");
        }
        this.work = work;
        this.budget = budget;
        this.mode = mode != null ? mode : Mode.HAND_OFF;
        init();
    }

    /** The default budget for {@code work}: 10 s, plus twice the seconds that {@code analyze} decodes. */
    public static Duration defaultFor(Workload work) {
        Workload plain = work instanceof FileBudget b ? b.work : work;
        double seconds = 10 + (plain instanceof AnalyzeWorkload a ? 2 * a.seconds() : 0);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private void init() {
        helpers = new ThreadLocal<>();
        watched = ConcurrentHashMap.newKeySet();
        inlineScans = ConcurrentHashMap.newKeySet();
        watchdog = new AtomicReference<>();
        abandoned = new AtomicInteger();
        helperNumbers = new AtomicLong();
    }

    @Serial
    private Object readResolve() {
        init();
        return this;
    }

    /** The workload being guarded. */
    public Workload work() {
        return work;
    }

    public Duration budget() {
        return budget;
    }

    public Mode mode() {
        return mode;
    }

    /** How many helper threads were abandoned because they did not stop when interrupted. */
    public int abandoned() {
        return abandoned.get();
    }

    /**
     * This budget kept inline, on the scanner's own threads, by a scan that can replace a thread
     * that ignores the interrupt ({@link InlineBudget}); abandoned threads count here.
     */
    public InlineBudget inline(Rescue rescue) {
        return new InlineBudget(this, rescue);
    }

    void countAbandoned() {
        abandoned.incrementAndGet();
    }

    /**
     * Adds threads that copies of this budget abandoned elsewhere, in worker JVMs (each worker runs
     * its own copy), so that {@link #summaryLine()} counts every thread the scan could not stop.
     */
    public void addAbandoned(int threads) {
        abandoned.addAndGet(Math.max(0, threads));
    }

    @Override
    public String name() {
        return work.name();
    }

    @Override
    public FileResult process(Path file) {
        return mode == Mode.WATCHDOG ? processWatched(file) : processHandedOff(file);
    }

    /** Runs the file on this thread while the watchdog looks on; over budget, it interrupts us. */
    private FileResult processWatched(Path file) {
        WatchedRun w = new WatchedRun(Thread.currentThread(), file, System.nanoTime());
        watched.add(w);
        ensureWatchdog();
        FileResult result;
        try {
            result = work.process(file);
        } finally {
            watched.remove(w);
        }
        if (w.phase.compareAndSet(WatchedRun.RUNNING, WatchedRun.DONE)) {
            return result;
        }
        while (w.phase.get() == WatchedRun.FIRING) {
            Thread.onSpinWait(); // the watchdog is between its decision and its interrupt
        }
        Thread.interrupted(); // the watchdog's interrupt, not the caller's
        return new FileResult.Failed(file, gaveUp());
    }

    /** The watchdog looks after {@code scan}'s threads too, until {@link #unwatch}; one watchdog serves every scan. */
    void watch(InlineBudget scan) {
        inlineScans.add(scan);
    }

    void unwatch(InlineBudget scan) {
        inlineScans.remove(scan);
    }

    /** Starts the watchdog unless one is running. */
    void ensureWatchdog() {
        if (watchdog.get() != null) {
            return;
        }
        Thread dog = Thread.ofPlatform().name("file-budget-watchdog").daemon(true).unstarted(this::watch);
        if (watchdog.compareAndSet(null, dog)) {
            dog.start();
        }
    }

    /**
     * The watchdog: interrupts each file over budget (and, for the inline scans, abandons each
     * thread still in it after the grace); ends when no file has run for a while.
     */
    private void watch() {
        long tick = Math.clamp(budget.toMillis() / 10, 5, 200);
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                break;
            }
            long now = System.nanoTime();
            boolean inlineBusy = false;
            for (InlineBudget scan : inlineScans) {
                inlineBusy |= scan.check(now);
            }
            for (WatchedRun w : watched) {
                if (now - w.since > budget.toNanos() && w.phase.compareAndSet(WatchedRun.RUNNING, WatchedRun.FIRING)) {
                    w.thread.interrupt();
                    w.phase.set(WatchedRun.FIRED);
                }
            }
            if (!watched.isEmpty() || inlineBusy) {
                idleSince = now;
            } else if (now - idleSince > HELPER_KEEP_ALIVE_NANOS) {
                watchdog.set(null);
                if ((watched.isEmpty() && !inlineRunning()) || !watchdog.compareAndSet(null, Thread.currentThread())) {
                    return; // a caller that came in just now has started a new watchdog, or will
                }
            }
        }
        watchdog.compareAndExchange(Thread.currentThread(), null);
    }

    private boolean inlineRunning() {
        long now = System.nanoTime();
        return inlineScans.stream().anyMatch(scan -> scan.check(now));
    }

    /** Hands the file to this thread's helper and waits for it, at most the budget and the grace. */
    private FileResult processHandedOff(Path file) {
        Helper helper = helpers.get();
        if (helper == null || !helper.offer(file)) {
            helper = new Helper(Thread.currentThread(), helperNumbers.incrementAndGet());
            helpers.set(helper);
            helper.offer(file);
        }
        return helper.await(file);
    }

    /** "gave up after 12 s (the decoder did not finish; the file may be corrupt)". */
    String gaveUp() {
        return "gave up after " + seconds(budget) + " (the decoder did not finish; the file may be corrupt)";
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** "1 thread could not be stopped", or empty when every helper stopped. */
    public String summaryLine() {
        int n = abandoned();
        return n == 0 ? "" : n + (n == 1 ? " thread" : " threads") + " could not be stopped (a decoder ignored the interrupt; it ends with the JVM)";
    }

    /**
     * One helper thread and the file it is working on. The owner hands over a file and waits; the
     * helper runs it and hands back the result. {@code state} says whose turn it is.
     */
    private final class Helper implements Runnable {
        private static final int IDLE = 0;
        private static final int BUSY = 1;
        private static final int DONE = 2;
        private static final int RETIRED = 3;
        private static final int ABANDONED = 4;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private final Thread owner;
        private final Thread thread;
        private volatile Path file;
        private volatile FileResult result;

        Helper(Thread owner, long number) {
            this.owner = owner;
            String name = "file-budget-helper-" + number + " (for " + owner.getName() + ")";
            // A virtual owner gets a virtual helper: a platform thread per file would cost more than the file.
            this.thread = owner.isVirtual()
                    ? Thread.ofVirtual().name(name).unstarted(this)
                    : Thread.ofPlatform().name(name).daemon(true).unstarted(this);
        }

        /** Hands {@code f} to this helper; false when it has retired and a new one is needed. */
        boolean offer(Path f) {
            file = f;
            if (!state.compareAndSet(IDLE, BUSY)) {
                return false;
            }
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            return true;
        }

        /** Waits for the helper's result, at most the budget plus the grace. */
        FileResult await(Path f) {
            long deadline = System.nanoTime() + budget.toNanos();
            boolean interrupted = false;
            while (state.get() == BUSY) {
                long left = deadline - System.nanoTime();
                if (Thread.interrupted()) {
                    interrupted = true;
                    break;
                }
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            if (state.get() == DONE) {
                return take(interrupted);
            }
            // Over budget, or the caller was interrupted: ask the helper to stop, then wait the grace.
            thread.interrupt();
            long graceEnd = System.nanoTime() + GRACE.toNanos();
            while (state.get() == BUSY && System.nanoTime() < graceEnd) {
                LockSupport.parkNanos(this, graceEnd - System.nanoTime());
                interrupted |= Thread.interrupted();
            }
            if (state.get() == DONE) {
                take(interrupted);
                return interrupted ? new FileResult.Failed(f, "interrupted") : new FileResult.Failed(f, gaveUp());
            }
            if (state.compareAndSet(BUSY, ABANDONED)) {
                abandoned.incrementAndGet();
                thread.setName(thread.getName().replace("file-budget-helper-", "file-budget-abandoned-"));
                helpers.remove();
            } else {
                take(interrupted); // it finished just now; its helper stays usable
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                return new FileResult.Failed(f, "interrupted");
            }
            return new FileResult.Failed(f, gaveUp());
        }

        private FileResult take(boolean interrupted) {
            FileResult r = result;
            result = null;
            state.set(IDLE);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return r;
        }

        @Override
        public void run() {
            while (true) {
                long idleSince = System.nanoTime();
                while (state.get() != BUSY) {
                    boolean idleTooLong = System.nanoTime() - idleSince > HELPER_KEEP_ALIVE_NANOS;
                    if ((idleTooLong || !owner.isAlive()) && state.compareAndSet(IDLE, RETIRED)) {
                        return;
                    }
                    LockSupport.parkNanos(this, HELPER_KEEP_ALIVE_NANOS);
                }
                Thread.interrupted(); // a late interrupt meant for the previous file
                FileResult r;
                try {
                    r = work.process(file);
                } catch (Throwable e) {
                    r = new FileResult.Failed(file, "cannot read: " + TagReader.describe(e));
                }
                result = r;
                if (!state.compareAndSet(BUSY, DONE)) {
                    return; // abandoned while it ran: the owner has moved on
                }
                LockSupport.unpark(owner);
            }
        }
    }
}
