package parallellab.gil;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated Global Interpreter Lock, so the Python result can be reproduced in Java.
 *
 * <p><b>What it shows.</b> CPython lets one thread at a time run Python code. A thread gives the lock
 * up in two ways: every switch interval (5 ms, {@code sys.getswitchinterval()}) when another thread
 * is waiting for it ("forced switching", CPython 3.2+), and around blocking I/O and child processes.
 * With the simulated GIL on ({@code --gil}), Java threads behave the same: CPU-bound work gets no
 * faster with more threads, while reading files and waiting for external programs still overlap.
 *
 * <p><b>What it costs.</b> When it is off (the default) {@link #checkpoint()} and
 * {@link #released(BlockingCall)} cost one volatile read. When it is on, every handover is a trip
 * through a fair lock, and the cores but one sit idle during Java code.
 *
 * <p><b>How it is used.</b> A thread scanner with {@code ScanOptions.gil()} calls
 * {@code try (Gil gil = Gil.activateIf(options.gil()))} around its scan, and each worker wraps every
 * file in {@code try (Gil.Hold held = Gil.hold())}. Workloads call {@link #checkpoint()} in their
 * hot loops and wrap file reads and external programs in {@link #released(BlockingCall)}. The process
 * pool does not take part: separate processes escape the lock, which is the point of the lesson.
 *
 * <p><b>Static state.</b> This is the one piece of static mutable state in the kit, on purpose: the
 * lesson is about a lock that is global to the interpreter. It is a fair {@link ReentrantLock}, so
 * the thread handed the lock at a switch is the one that has waited longest, as in CPython.
 * Unlike CPython, the switch interval is counted from when the holder took the lock rather than
 * from when the waiter started waiting; the effect on throughput is the same.
 */
public final class Gil implements AutoCloseable {

    /** CPython's default switch interval, {@code sys.getswitchinterval() == 0.005}. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    /** The GIL in force, or null when none is: the global lock the lesson is about. */
    private static final AtomicReference<Gil> ACTIVE = new AtomicReference<>();

    /** The interval new GILs get, the Java face of {@code sys.setswitchinterval}. */
    private static volatile Duration switchInterval = DEFAULT_SWITCH_INTERVAL;

    private static final Hold NOT_HELD = () -> {};

    private final ReentrantLock lock = new ReentrantLock(true);
    private final long switchIntervalNanos;
    private final AtomicLong switches = new AtomicLong();

    /** When the current holder took the lock. Guarded by {@link #lock}: only the holder reads or writes it. */
    private long heldSince;

    private Gil(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("switch interval must not be negative (got " + interval + ")");
        }
        this.switchIntervalNanos = interval.toNanos();
    }

    /** A held GIL; closing it lets the lock go. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocking work (file I/O, a child process) that may throw its own checked exception. */
    @FunctionalInterface
    public interface BlockingCall<T, E extends Exception> {
        T call() throws E;
    }

    /** Turns the GIL on with the current {@link #switchInterval()}. Close it to turn it off. */
    public static Gil activate() {
        return activate(switchInterval);
    }

    /**
     * Turns the GIL on with the given switch interval.
     *
     * @throws IllegalStateException when a GIL is already on (one scan with {@code --gil} at a time)
     */
    public static Gil activate(Duration interval) {
        Gil gil = new Gil(interval);
        if (!ACTIVE.compareAndSet(null, gil)) {
            throw new IllegalStateException("the simulated GIL is already on: run one scan with --gil at a time");
        }
        return gil;
    }

    /**
     * The GIL turned on when {@code on}, else null; try-with-resources skips a null resource, so a
     * scanner writes {@code try (Gil gil = Gil.activateIf(options.gil())) { ... }}.
     */
    public static Gil activateIf(boolean on) {
        return on ? activate() : null;
    }

    /** Turns this GIL off. Threads still holding it release it as they finish their file. */
    @Override
    public void close() {
        ACTIVE.compareAndSet(this, null);
    }

    public static boolean isActive() {
        return ACTIVE.get() != null;
    }

    /** True when a GIL is on and the calling thread holds it. */
    public static boolean heldByCurrentThread() {
        Gil gil = ACTIVE.get();
        return gil != null && gil.lock.isHeldByCurrentThread();
    }

    /** The switch interval of GILs activated from now on. */
    public static Duration switchInterval() {
        return switchInterval;
    }

    /** Sets the switch interval of GILs activated from now on, like {@code sys.setswitchinterval}. */
    public static void setSwitchInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("switch interval must not be negative (got " + interval + ")");
        }
        switchInterval = interval;
    }

    /** How many times a waiting thread was handed the lock at a checkpoint (CPython's forced switches). */
    public long switches() {
        return switches.get();
    }

    /**
     * Takes the GIL for the current thread if one is on; a no-op hold otherwise. Waiting is not
     * interruptible, as in CPython, and is short: holders give the lock up every switch interval.
     */
    public static Hold hold() {
        Gil gil = ACTIVE.get();
        if (gil == null) {
            return NOT_HELD;
        }
        gil.acquire(1);
        return gil.lock::unlock;
    }

    /** Called often from CPU-bound code: hands the lock to a waiting thread once the interval is up. */
    public static void checkpoint() {
        Gil gil = ACTIVE.get();
        if (gil != null) {
            gil.switchIfDue();
        }
    }

    /** Runs blocking I/O or an external program without holding the lock, as CPython does. */
    public static <T, E extends Exception> T released(BlockingCall<T, E> blocking) throws E {
        Gil gil = ACTIVE.get();
        if (gil == null || !gil.lock.isHeldByCurrentThread()) {
            return blocking.call();
        }
        int holds = gil.releaseAll();
        try {
            return blocking.call();
        } finally {
            gil.acquire(holds);
        }
    }

    private void switchIfDue() {
        if (!lock.isHeldByCurrentThread() || !lock.hasQueuedThreads()) {
            return;
        }
        if (System.nanoTime() - heldSince < switchIntervalNanos) {
            return;
        }
        // A fair lock queues us behind the waiter, so letting go and asking again is a handover.
        int holds = releaseAll();
        switches.incrementAndGet();
        acquire(holds);
    }

    private void acquire(int holds) {
        boolean first = !lock.isHeldByCurrentThread();
        long asked = first ? System.nanoTime() : 0;
        for (int i = 0; i < holds; i++) {
            lock.lock();
        }
        if (first) {
            heldSince = System.nanoTime();
            WAITED.get()[0] += heldSince - asked;
            long waitedMicros = (heldSince - asked) / 1_000;
            if (waitedMicros > 0) {
                long gotItMicros = epochMicros();
                WAITS.get().add(gotItMicros - waitedMicros, gotItMicros);
            }
        }
    }

    /** Each thread's time spent waiting for the lock, for the worker timeline's shading. */
    private static final ThreadLocal<long[]> WAITED = ThreadLocal.withInitial(() -> new long[1]);

    /** Each thread's waits for the lock since it last took them, as intervals on the wall clock. */
    private static final ThreadLocal<Waits> WAITS = ThreadLocal.withInitial(Waits::new);

    /** A growing list of (from, to) pairs, microseconds since the epoch. */
    private static final class Waits {
        private long[] pairs = new long[16];
        private int size;

        void add(long from, long to) {
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = from;
            pairs[size++] = to;
        }

        long[] take() {
            long[] taken = java.util.Arrays.copyOf(pairs, size);
            size = 0;
            return taken;
        }
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /**
     * The calling thread's waits for the GIL since the last call, as (from, to) pairs of
     * microseconds since the epoch: {@code [from1, to1, from2, to2, ...]}, empty when it never waited.
     * The worker timeline draws them inside each file's bar, so the turns the threads take show.
     */
    public static long[] takeWaits() {
        return WAITS.get().take();
    }

    /**
     * Nanoseconds the calling thread has waited for the GIL so far, over its whole life (0 when no
     * GIL was ever on): read it before and after a piece of work to see that work's waits.
     */
    public static long waitedNanos() {
        return WAITED.get()[0];
    }

    private int releaseAll() {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        return holds;
    }
}
