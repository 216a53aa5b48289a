package parallellab.pool;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Named tasks the pool tests send to worker JVMs (test classes are on the workers' class path). */
final class TestTasks {

    private TestTasks() {}

    record Square() implements PoolTask<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x * x;
        }
    }

    /** The worker's pid, to see which worker ran an argument. */
    record Pid() implements PoolTask<Integer, Long> {
        @Override
        public Long apply(Integer ignored) {
            return ProcessHandle.current().pid();
        }
    }

    /** Sleeps, then returns the worker's pid: a task slow enough to kill or interrupt. */
    record Sleep(long millis) implements PoolTask<Integer, Long> {
        @Override
        public Long apply(Integer ignored) throws InterruptedException {
            Thread.sleep(millis);
            return ProcessHandle.current().pid();
        }
    }

    /** Returns the worker's pid, but spins for ever on {@code stuck}, deaf to interrupts: a decoder in an endless loop. */
    record SpinOn(int stuck) implements PoolTask<Integer, Long> {
        @Override
        public Long apply(Integer x) {
            if (x == stuck) {
                Spinner.spin();
            }
            return ProcessHandle.current().pid();
        }
    }

    /** Returns the worker's pid, and on {@code last} asks for the worker to be replaced after this chunk. */
    record RetireOn(int last) implements PoolTask<Integer, Long> {
        @Override
        public Long apply(Integer x) {
            if (x == last) {
                Worker.retireAfterChunk();
            }
            return ProcessHandle.current().pid();
        }
    }

    /** A loop the JIT cannot remove and no interrupt ends. */
    static final class Spinner {
        static volatile boolean release;

        private Spinner() {}

        static void spin() {
            while (!release) {
                Thread.onSpinWait();
            }
        }
    }

    /** Throws for odd arguments, with a cause, so the remote trace and cause chain can be checked. */
    record FailOnOdd() implements PoolTask<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            if (x % 2 == 1) {
                throw new IllegalStateException("odd argument " + x, new UncheckedIOException(new IOException("disk says no")));
            }
            return x;
        }
    }

    /** Prints to stdout and stderr, which must not reach the result channel. */
    record Noisy() implements PoolTask<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            System.out.println("task " + x + " says hello on stdout");
            System.out.println("\u00ac\u00ed fake frame header");
            System.out.flush();
            System.err.println("task " + x + " says hello on stderr");
            return x + 1;
        }
    }

    record ReadProperty(String key) implements PoolTask<Integer, String> {
        @Override
        public String apply(Integer ignored) {
            return System.getProperty(key, "unset");
        }
    }

    record SetProperty(String key, String value) implements WorkerInitializer {
        @Override
        public void initialize() {
            System.setProperty(key, value);
        }
    }

    record FailingInitializer() implements WorkerInitializer {
        @Override
        public void initialize() {
            throw new IllegalStateException("no licence for this worker");
        }
    }

    /** A path in, a path out: the parent folder and the file's name, as the worker saw them. */
    record ParentAndName() implements PoolTask<java.nio.file.Path, java.nio.file.Path> {
        @Override
        public java.nio.file.Path apply(java.nio.file.Path file) {
            return file.getParent().resolve("seen-" + file.getFileName());
        }
    }

    /** A result that is neither serializable nor a path. */
    record ReturnsAThread() implements PoolTask<Integer, Thread> {
        @Override
        public Thread apply(Integer x) {
            return Thread.currentThread();
        }
    }

    /** A task whose field cannot be serialized. */
    record HoldsAThread(Thread thread) implements PoolTask<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    /**
     * Squares, and the first time it is serialized in the parent (the pool's sendability check,
     * after the map has checked the pool is running and before it queues the chunks) runs
     * {@code whenSent}: a shutdown or terminate landing in exactly that window, every time. A class,
     * not a record, because serialization ignores a record's {@code writeObject}.
     */
    static final class StopsThePoolWhenSent implements PoolTask<Integer, Integer> {
        private final transient java.util.concurrent.atomic.AtomicReference<Runnable> whenSent;

        StopsThePoolWhenSent(Runnable whenSent) {
            this.whenSent = new java.util.concurrent.atomic.AtomicReference<>(whenSent);
        }

        @Override
        public Integer apply(Integer x) {
            return x * x;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws IOException {
            Runnable once = whenSent == null ? null : whenSent.getAndSet(null);
            if (once != null) {
                once.run();
            }
            out.defaultWriteObject();
        }
    }
}
