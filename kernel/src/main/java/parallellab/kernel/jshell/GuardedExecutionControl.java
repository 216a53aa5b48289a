package parallellab.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in the kernel's own JVM, so cell code, the lib, its threads and
 * {@code display} share one process and one set of classes. Compared with JShell's own
 * {@code LocalExecutionControl} it adds what a notebook needs:
 * <ul>
 *   <li>snippet classes are rewritten ({@link SnippetRewriter}) for interrupts and exit protection;</li>
 *   <li>an interrupt sets the stop flag and interrupts the cell's thread; a cell stuck where neither
 *       reaches it is abandoned after a grace period, so the kernel stays usable;</li>
 *   <li>the last value is kept as an object (for rich display), not only as a string;</li>
 *   <li>the classes each evaluation loaded are reported, so the evaluator can release the statics of
 *       snippets that were redefined.</li>
 * </ul>
 * Snippet classes load into JShell's default loader, whose parent is the application class loader:
 * lib types in cells are the very classes the kernel's renderers test with {@code instanceof}.
 */
final class GuardedExecutionControl extends DirectExecutionControl {

    private static final long ABANDON_AFTER_NANOS = 1_500_000_000L;

    private final Object lock = new Object();
    private Thread running;              // guarded by lock
    private long stopRequestedAt;        // guarded by lock; 0 when no stop was requested
    private boolean stopped;             // guarded by lock
    private final List<Class<?>> loaded = new ArrayList<>(); // guarded by lock
    private volatile Object lastValue;
    private int cellThreads;
    private boolean cellInterrupted;     // guarded by lock; an interrupt for the cell, even between snippets

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] rewritten = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            rewritten[i] = new ClassBytecodes(cbcs[i].name(), SnippetRewriter.rewrite(cbcs[i].bytecodes()));
        }
        super.load(rewritten);
        synchronized (lock) {
            for (ClassBytecodes cbc : cbcs) {
                try {
                    loaded.add(findClass(cbc.name()));
                } catch (ClassNotFoundException e) {
                    // Only used to release memory later; a class we cannot see is simply not released.
                }
            }
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "cell-" + (++cellThreads));
        thread.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
        synchronized (lock) {
            if (cellInterrupted) {
                stopped = true;
                throw new StoppedException();
            }
            stopRequestedAt = 0;
            stopped = false;
            running = thread;
        }
        lastValue = null;
        thread.start();
        boolean abandoned = false;
        while (thread.isAlive()) {
            thread.join(100);
            synchronized (lock) {
                if (stopRequestedAt != 0 && thread.isAlive() && System.nanoTime() - stopRequestedAt > ABANDON_AFTER_NANOS) {
                    abandoned = true;
                    break;
                }
            }
        }
        boolean stopRequested;
        synchronized (lock) {
            running = null;
            stopRequested = stopRequestedAt != 0;
            stopped = stopRequested;
        }
        if (abandoned) {
            System.err.println("[kernel] the interrupted cell thread '" + thread.getName()
                    + "' did not stop; it was left behind (" + thread.getState() + ")");
        }
        Throwable f = failure[0];
        if (stopRequested || (f instanceof InvocationTargetException ite && ite.getCause() instanceof StopSignal.CellStoppedError)) {
            synchronized (lock) {
                stopped = true;
            }
            throw new StoppedException();
        }
        if (f instanceof InvocationTargetException ite) {
            throw ite;
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f != null) {
            throw new InvocationTargetException(f);
        }
        lastValue = result[0];
        // The string form is never shown (values are rendered from the object), so skip toString().
        return "";
    }

    /** A new cell starts: forget the last cell's interrupt. */
    void newCell() {
        synchronized (lock) {
            cellInterrupted = false;
            StopSignal.clear();
        }
    }

    /** Interrupts the cell: the running snippet, and any snippet of the cell not started yet. */
    void interruptCell() {
        synchronized (lock) {
            cellInterrupted = true;
            StopSignal.request();
        }
        stop();
    }

    /** Requests that the running snippet stop: sets the stop flag and interrupts its thread. */
    @Override
    public void stop() {
        synchronized (lock) {
            if (running == null) {
                return;
            }
            stopRequestedAt = System.nanoTime();
            StopSignal.request();
            running.interrupt();
        }
    }

    /** Whether the last invocation was stopped by {@link #stop()}. */
    boolean wasStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    void clearStopped() {
        synchronized (lock) {
            stopped = false;
        }
    }

    Object lastValue() {
        return lastValue;
    }

    /** The classes loaded since the last call. */
    List<Class<?>> drainLoaded() {
        synchronized (lock) {
            List<Class<?>> copy = List.copyOf(loaded);
            loaded.clear();
            return copy;
        }
    }

    /** Hands JShell this control and keeps a reference for the evaluator. */
    static final class Provider implements ExecutionControlProvider {
        private volatile GuardedExecutionControl created;

        @Override
        public String name() {
            return "parallel-lab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new GuardedExecutionControl();
            return created;
        }

        GuardedExecutionControl created() {
            return created;
        }
    }
}
