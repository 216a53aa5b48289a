package parallellab.lessons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Zombies, right for Java. On Unix a child that has exited stays in the process table, a zombie,
 * until its parent reaps it with {@code wait()}: in Python that is {@code join()} (or the
 * {@code multiprocessing} module's next {@code active_children()}). The JDK reaps every child it
 * starts on its own: a "process reaper" thread waits for each one, whether or not the program ever
 * calls {@code waitFor()}. So a Java program does not leak zombies; what it leaks is live workers
 * nobody shut down, which lesson 04's process listing shows.
 */
public final class Reaping {

    private Reaping() {}

    /**
     * Starts a child that exits at once, never calls {@code waitFor()}, and reports its state in
     * {@code /proc} a moment later: gone (reaped by the JDK), or "Z" where that were not so.
     */
    public static String javaChildWithoutWaitFor() throws IOException, InterruptedException {
        if (!Files.isDirectory(Path.of("/proc", Long.toString(ProcessHandle.current().pid())))) {
            return "no /proc on this system (not Linux): the process table cannot be read from here; try `ps` in a terminal";
        }
        Process child = new ProcessBuilder("true").start();
        long pid = child.pid();
        Thread.sleep(300);
        String state = state(pid).map(s -> "still in the process table, state " + s).orElse("gone from the process table: reaped");
        return "a child that exited (pid " + pid + "), 0.3 s later, no waitFor() called: " + state;
    }

    /** The state letter of a process in {@code /proc/<pid>/stat} (R, S, Z, ...), if it is there. */
    static Optional<String> state(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            return Optional.of(text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
