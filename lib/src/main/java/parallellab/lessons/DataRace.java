package parallellab.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The data race you can see: threads that share a counter lose updates, and three ways to stop it.
 *
 * <p><b>What it shows.</b> {@code count++} is three steps, read, add, write. Two threads that read
 * the same value both write that value plus one, and one increment is gone, silently. The fixes:
 * make the steps one ({@code synchronized}: one thread at a time; {@link AtomicLong}: one
 * compare-and-set instruction; {@link LongAdder}: a cell per thread, summed when read), or share
 * nothing (confinement: each thread counts in its own variable, and the totals are merged after
 * {@link Thread#join()}, which also makes them visible to the merging thread).
 *
 * <p><b>What it costs.</b> A lock or a contended compare-and-set makes the threads take turns on one
 * cache line; {@code LongAdder} and confinement keep them apart, so they scale. The table of
 * {@link #sideBySide} times all of them on the same job.
 *
 * <p><b>Forcing the race.</b> A race hoped for may not come (on one core, or in a short run). So the
 * unsafe counter has a {@link #window()} between its read and its write, a no-op unless a demo or a
 * check arms it: armed, it holds each thread there until the other has read too, and the lost update
 * happens every time. This is the lesson's only static mutable state, and it is what the lesson is
 * about.
 */
public final class DataRace {

    /** A counter several threads increment; the exercise of lesson 03 writes a safe one. */
    public interface Counter {
        void increment();

        long value();
    }

    /** The counter as everyone first writes it: read, then write, with the race window between. */
    public static final class UnsafeCounter implements Counter {
        private long count;

        @Override
        public void increment() {
            long seen = count;   // 1. read
            window();            // (a no-op, unless a demo holds the thread here)
            count = seen + 1;    // 2. write what was read plus one: another thread may have written meanwhile
        }

        @Override
        public long value() {
            return count;
        }
    }

    /** How long an armed window waits for the other thread; a safe counter gets past it this late, once. */
    private static final long WINDOW_MILLIS = 200;

    private static volatile CyclicBarrier armed;

    private DataRace() {}

    /**
     * The gap between a read and a write of shared data. Unarmed, it does nothing. Armed by
     * {@link #forced}, each thread waits here until every thread of the demo has arrived, so all of
     * them have read before any writes. A thread that holds a lock while it waits here keeps the
     * others out: it waits in vain, a short while, and goes on, which is how a lock shows it works.
     */
    public static void window() {
        CyclicBarrier barrier = armed;
        if (barrier == null) {
            return;
        }
        try {
            barrier.await(WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // no one else could come in: the threads already take turns
        }
    }

    /**
     * {@code threads} threads increment one counter from {@code make} once each, all at the same
     * time, with the window armed. Returns the count: {@code threads} when the counter is safe, 1
     * when every thread read 0 before any wrote.
     */
    public static long forced(Supplier<? extends Counter> make, int threads) throws InterruptedException {
        Counter counter = make.get();
        synchronized (DataRace.class) {
            armed = new CyclicBarrier(threads);
            try (CheckThreads running = new CheckThreads()) {
                for (int i = 0; i < threads; i++) {
                    running.start("data-race-" + i, counter::increment);
                }
                CheckThreads.await(running::allEnded, () -> 0, 5 * WINDOW_MILLIS * threads, 10_000);
            } finally {
                armed = null;
            }
        }
        return counter.value();
    }

    /** {@code threads} threads call {@code increment} {@code each} times, unarmed; returns the count. */
    public static long contended(Counter counter, int threads, int each) throws InterruptedException {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (CheckThreads running = new CheckThreads()) {
            for (int i = 0; i < threads; i++) {
                running.start("data-race-" + i, () -> {
                    start.await(); // all at once: a thread started first could finish before the next one runs
                    for (int n = 0; n < each; n++) {
                        counter.increment();
                    }
                });
            }
            start.countDown();
            CheckThreads.await(running::allEnded, () -> 0, 30_000, 30_000);
        }
        return counter.value();
    }

    /** The race, forced: two threads increment an unsafe counter once each, and it says 1. */
    public static Table forcedLoss() throws InterruptedException {
        long unsafe = forced(UnsafeCounter::new, 2);
        long locked = forced(Locked::new, 2);
        return Table.create("2 threads increment once each, both reading before either writes",
                StringColumn.create("counter", "read, then write (unsafe)", "synchronized"),
                LongColumn.create("expected", 2, 2),
                LongColumn.create("counted", unsafe, locked));
    }

    /**
     * Every counter side by side: {@code threads} threads each incrementing {@code each} times, the
     * count it ends with, how many increments were lost, and how long it took (median of three runs
     * after a warm-up, so the JIT has compiled every loop).
     */
    public static Table sideBySide(int threads, int each) throws InterruptedException {
        List<Supplier<Counter>> counters = List.of(UnsafeCounter::new, Locked::new, Atomic::new, Adder::new);
        List<String> names = List.of("read, then write (unsafe)", "synchronized", "AtomicLong", "LongAdder", "confined, merged after join");
        StringColumn name = StringColumn.create("counter");
        LongColumn expected = LongColumn.create("expected");
        LongColumn counted = LongColumn.create("counted");
        LongColumn lost = LongColumn.create("lost");
        DoubleColumn millis = DoubleColumn.create("ms");
        for (int c = 0; c <= counters.size(); c++) {
            long[] count = new long[1];
            double[] runs = new double[4];
            for (int r = 0; r < runs.length; r++) {
                long start = System.nanoTime();
                count[0] = c < counters.size() ? contended(counters.get(c).get(), threads, each) : confined(threads, each);
                runs[r] = (System.nanoTime() - start) / 1e6;
            }
            double[] measured = java.util.Arrays.copyOfRange(runs, 1, runs.length);
            java.util.Arrays.sort(measured);
            name.append(names.get(c));
            expected.append((long) threads * each);
            counted.append(count[0]);
            lost.append((long) threads * each - count[0]);
            millis.append(Math.round(measured[measured.length / 2] * 10) / 10.0);
        }
        return Table.create(threads + " threads × " + each + " increments", name, expected, counted, lost, millis);
    }

    /** Confinement: each thread counts in a variable no other thread sees; the totals are merged after join. */
    static long confined(int threads, int each) throws InterruptedException {
        long[] perThread = new long[threads];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int me = i;
            Thread thread = new Thread(() -> {
                long mine = 0;                 // on this thread's stack: nobody else can touch it
                for (int n = 0; n < each; n++) {
                    mine++;
                }
                perThread[me] = mine;          // one write, read by the caller only after join()
            }, "data-race-confined-" + i);
            thread.start();
            started.add(thread);
        }
        long total = 0;
        for (int i = 0; i < threads; i++) {
            started.get(i).join();
            total += perThread[i];
        }
        return total;
    }

    /** The read and the write made one step by a lock. */
    static final class Locked implements Counter {
        private long count;

        @Override
        public synchronized void increment() {
            long seen = count;
            window();
            count = seen + 1;
        }

        @Override
        public synchronized long value() {
            return count;
        }
    }

    /** One atomic read-modify-write instruction. */
    static final class Atomic implements Counter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void increment() {
            count.incrementAndGet();
        }

        @Override
        public long value() {
            return count.get();
        }
    }

    /** A cell per contending thread, summed when read: for counters written often and read rarely. */
    static final class Adder implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void increment() {
            count.increment();
        }

        @Override
        public long value() {
            return count.sum();
        }
    }
}
