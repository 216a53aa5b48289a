package parallellab.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's AOT cache, checked at every start (JDK 25+). The cache holds the classes of JShell,
 * javac and the lib, loaded and linked ahead of time, and saves about a second of start-up. It is
 * valid only for the exact jars and JDK it was made from, and the JVM skips an invalid one without a
 * word: rebuild the lib after {@code ./lab} installed the kernel and every start is a second slower,
 * silently. So the kernel compares the cache with its jars and its java binary (a few file dates, well
 * under a millisecond). When the cache is stale it says so in the log and remakes it in a background
 * process at the lowest CPU priority, for the next start. The kernel owns that process: it is stopped
 * when the kernel exits, and the cache is replaced only once complete.
 */
final class StartupCache {

    /** The system property kernel.json sets to the cache the JVM was started with. */
    static final String PROPERTY = "parallellab.kernel.cache";

    private StartupCache() {}

    /** True when the kernel was started with a cache that no longer matches its jars or its JDK. */
    static boolean isStale(Path archive, Path java, Path root) {
        return !Install.isFresh(archive, java, root);
    }

    /** Checks the cache this JVM was started with; when stale, starts remaking it. Returns the process, or null. */
    static Process remakeIfStale(PrintStream log) {
        String named = System.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            return null;
        }
        Path archive = Path.of(named);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path root = Install.projectRoot();
        if (!isStale(archive, java, root)) {
            return null;
        }
        log.println("[kernel] the start-up cache " + archive + " is older than the kernel's jars or JDK, so this start"
                + " was about a second slower; remaking it in the background for the next start");
        Path made = Install.trainingOutput(archive);
        try {
            Process training = Install.startTraining(lowPriority(), java, root, made);
            Thread stopAtExit = new Thread(() -> stop(training, made), "stop-cache-training");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
            training.onExit().thenAccept(p -> {
                try {
                    if (p.exitValue() == 0 && Files.isRegularFile(made)) {
                        Install.replace(made, archive);
                        log.println("[kernel] the start-up cache is remade");
                    } else {
                        Install.deleteTrainingOutput(made);
                        log.println("[kernel] could not remake the start-up cache (exit " + p.exitValue() + ")");
                    }
                } catch (IOException e) {
                    log.println("[kernel] could not remake the start-up cache: " + e.getMessage());
                }
            });
            return training;
        } catch (IOException e) {
            log.println("[kernel] could not remake the start-up cache: " + e.getMessage());
            return null;
        }
    }

    /**
     * Stops a training run and what it started (on JDK 25 the training JVM starts a second one that
     * writes the cache), waits briefly until they are gone, and deletes what they wrote.
     */
    private static void stop(Process training, Path made) {
        List<ProcessHandle> all = new java.util.ArrayList<>(training.descendants().toList());
        all.add(training.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // Gone or going: the files are deleted either way.
            }
        }
        Install.deleteTrainingOutput(made);
    }

    /** nice -n 19 where there is a nice: the training must not slow the learner's first cells. */
    private static List<String> lowPriority() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "19");
            }
        }
        return List.of();
    }
}
