package parallellab.kernel.jshell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * What cells leave running: the kit resources their variables hold (process pools, executors, Spark
 * contexts) and the threads and worker processes each run of a cell started.
 *
 * <p>"Tweak and rerun" is how the kit is used, so a rerun must not leak. Two rules do it. A resource that
 * no variable holds any more (a rerun declared the variable again, or assigned it) is closed at once and
 * the cell says so in one line. And after each cell, threads and processes that an earlier run of the
 * same cell started and that are still alive are named in a warning. The trade-off: the kernel closes
 * only what it can recognise (the kit's, Spark's and {@code java.util.concurrent}'s own types), and a
 * thread started by a learner's own code is reported, never stopped, except by {@code %reset}.
 */
public final class CellResources {

    /** A resource and the variable that held it. */
    record Held(String variable, Object resource) {}

    /** The threads and the child processes alive when a cell starts: those that appear by its end are the cell's. */
    public record Snapshot(Set<Thread> threads, Set<Long> children) {}

    /** What one run of a cell started. */
    private record Started(Set<Thread> threads, Set<Long> processes) {}

    private static final long CLOSE_WAIT_SECONDS = 5;

    /** Per cell (by its code), the threads and processes its last run started. */
    private final Map<String, Started> startedBy = new HashMap<>();

    /** True for what a cell variable may hold and the kernel may close when nothing holds it any more. */
    static boolean isResource(Object value) {
        if (value instanceof ExecutorService executor) {
            return executor != ForkJoinPool.commonPool();
        }
        if (!(value instanceof AutoCloseable)) {
            return false;
        }
        String name = value.getClass().getName();
        return name.startsWith("parallellab.") || name.startsWith("org.apache.spark.");
    }

    /** Closes what a variable no longer holds and says so in one line on {@code out}. */
    static void close(Held held, String why, PrintStream out) {
        Object resource = held.resource();
        try {
            if (resource instanceof ExecutorService executor) {
                if (executor.isTerminated()) {
                    return;
                }
                // shutdownNow, not close(): close() waits for running tasks, which may never end.
                executor.shutdownNow();
                executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } else {
                ((AutoCloseable) resource).close();
            }
            out.println("closed the " + resource.getClass().getSimpleName() + " that `" + held.variable() + "` held (" + why + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("could not close the " + resource.getClass().getSimpleName() + " that `" + held.variable() + "` held: " + e);
        }
    }

    /** Closes each resource of {@code before} that no variable of {@code now} holds. */
    static void closeOrphans(List<Held> before, List<Held> now, String why, PrintStream out) {
        Set<Object> stillHeld = Collections.newSetFromMap(new IdentityHashMap<>());
        now.forEach(h -> stillHeld.add(h.resource()));
        Set<Object> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Held h : before) {
            if (!stillHeld.contains(h.resource()) && closed.add(h.resource())) {
                close(h, why, out);
            }
        }
    }

    /** Before a cell: cheap (no look at /proc), so it costs a cell's round trip next to nothing. */
    public static Snapshot snapshot() {
        return new Snapshot(threads(), children());
    }

    private static Set<Thread> threads() {
        Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Thread t : allThreads()) {
            if (counts(t)) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** Every live thread of the JVM, the JDK's own included. */
    private static List<Thread> allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        // Enumerating the groups is cheaper than Thread.getAllStackTraces(), which walks every stack.
        Thread[] all = new Thread[root.activeCount() + 64];
        int n = root.enumerate(all, true);
        return Arrays.asList(all).subList(0, n);
    }

    /** The pids of this JVM's child processes: one scan of /proc, made only when there may be any. */
    private static Set<Long> children() {
        if (!mayHaveChildren()) {
            return Set.of();
        }
        Set<Long> pids = new java.util.HashSet<>();
        ProcessHandle.current().children().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /**
     * Whether this JVM may have a child process: the JDK waits for each child it starts on a thread
     * named "process reaper (pid N)", and keeps an idle "process reaper" a while after. With none, the
     * scan of /proc for children (half a millisecond here, more on a machine with many processes) is
     * skipped: it could only find what a library forked behind the JDK's back.
     */
    private static boolean mayHaveChildren() {
        return allThreads().stream().anyMatch(t -> t.getName().startsWith("process reaper"));
    }

    /**
     * Threads a cell owns: not the JDK's own helpers (process reapers, cleaners: system thread group),
     * not the shared common pool's workers, which idle out by themselves, and not the cell's own thread.
     */
    private static boolean counts(Thread t) {
        if (t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()) {
            return false;
        }
        ThreadGroup group = t.getThreadGroup();
        if (group == null || group.getParent() == null || group.getName().equals("InnocuousThreadGroup")) {
            return false;
        }
        return !t.getName().startsWith("cell-");
    }

    /**
     * After a run of the cell with this code: a warning about what an earlier run of the same cell
     * started and is still alive (null when nothing is), and remember what this run started.
     */
    public String afterCell(String code, Snapshot before) {
        Set<Thread> newThreads = Collections.newSetFromMap(new IdentityHashMap<>());
        threads().stream().filter(t -> !before.threads().contains(t)).forEach(newThreads::add);
        // Children are compared as sets: a process's start time in /proc is only as exact as the boot time's
        // second, too coarse to tell a child of this cell from one of the cell before.
        Set<Long> children = children();
        Set<Long> newProcesses = new java.util.HashSet<>(children);
        newProcesses.removeAll(before.children());
        Started earlier;
        synchronized (startedBy) {
            earlier = startedBy.put(code, new Started(newThreads, newProcesses));
        }
        if (earlier == null) {
            return null;
        }
        List<String> threads = earlier.threads().stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
        List<Long> processes = earlier.processes().stream().filter(children::contains).sorted().toList();
        if (threads.isEmpty() && processes.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (!processes.isEmpty()) {
            parts.add(processes.size() + " process" + (processes.size() == 1 ? "" : "es") + " (pid " + join(processes) + ")");
        }
        if (!threads.isEmpty()) {
            parts.add(threads.size() + " thread" + (threads.size() == 1 ? "" : "s") + " (" + join(threads.stream().limit(5).toList())
                    + (threads.size() > 5 ? ", ..." : "") + ")");
        }
        return "warning: an earlier run of this cell left " + String.join(" and ", parts)
                + " running; close what it created (for example pool.close()) or use %reset";
    }

    /** For {@code %reset}: interrupts every thread a cell started that is still alive, and forgets them. */
    public List<String> stopThreads() {
        List<Thread> alive = new ArrayList<>();
        synchronized (startedBy) {
            startedBy.values().forEach(s -> s.threads().stream().filter(Thread::isAlive).forEach(alive::add));
            startedBy.clear();
        }
        alive.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread t : alive) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return alive.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static String join(List<?> items) {
        return String.join(", ", items.stream().map(String::valueOf).toList());
    }
}
