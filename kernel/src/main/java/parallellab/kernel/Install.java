package parallellab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import parallellab.kit.KitLayout;

/**
 * Installs the kernelspec into a Python environment, never into the user's global Jupyter folders:
 * {@code java -cp ... parallellab.kernel.Install --prefix .venv --java $JAVA_HOME/bin/java} writes
 * {@code <prefix>/share/jupyter/kernels/parallel-lab/kernel.json}. The name "parallel-lab" leaves
 * IJava's and JJava's "java" alone.
 */
public final class Install {

    static final String NAME = "parallel-lab";
    static final long MAX_HEAP = 16L << 30;

    private Install() {}

    public static void main(String[] args) {
        Path prefix = null;
        String java = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--prefix" -> prefix = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--java" -> java = i + 1 < args.length ? args[++i] : null;
                default -> fail("unknown option '" + args[i] + "' (usage: Install --prefix <venv> --java <java binary>)");
            }
        }
        if (prefix == null || java == null) {
            fail("usage: Install --prefix <venv> --java <java binary>");
        }
        if (!Files.isExecutable(Path.of(java))) {
            fail("--java " + java + " is not an executable java binary");
        }
        try {
            Path dir = install(prefix.toAbsolutePath(), Path.of(java).toAbsolutePath(), projectRoot());
            System.out.println("installed the parallel-lab kernel into " + dir);
        } catch (IOException | RuntimeException e) {
            fail("could not install the kernel: " + e.getMessage());
        }
    }

    static Path install(Path prefix, Path java, Path root) throws IOException {
        Path dir = prefix.resolve("share/jupyter/kernels").resolve(NAME);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"), kernelJson(java, root));
        try (InputStream logo = Install.class.getResourceAsStream("logo-64x64.png")) {
            if (logo != null) {
                Files.write(dir.resolve("logo-64x64.png"), logo.readAllBytes());
            }
        }
        Path archive = archive(java, root);
        if (archive != null && !isFresh(archive, java, root)) {
            trainArchive(java, root, archive);
        }
        return dir;
    }

    static String kernelJson(Path java, Path root) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions());
        argv.addAll(jnaOptions(root));
        Path archive = archive(java, root);
        if (archive != null) {
            // JDK 21-24 remake a stale archive themselves (AutoCreateSharedArchive); a JDK 25 kernel checks its
            // AOT cache at start and remakes it when stale (StartupCache), so it names the cache in a property.
            argv.addAll(AOT_CACHE ? List.of("-XX:AOTCache=" + archive, "-D" + StartupCache.PROPERTY + "=" + archive)
                    : List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive"));
            argv.addAll(QUIET_CDS);
        }
        argv.addAll(sparkOptions(root.resolve("spark/java-options")));
        argv.add("-cp");
        argv.add(classPath(root));
        argv.add("parallellab.kernel.Main");
        argv.add("{connection_file}");
        StringBuilder json = new StringBuilder("{\n  \"argv\": [\n");
        for (int i = 0; i < argv.size(); i++) {
            json.append("    ").append(quote(argv.get(i))).append(i + 1 < argv.size() ? ",\n" : "\n");
        }
        json.append("  ],\n")
                .append("  \"display_name\": \"Java 21+ (parallel-lab)\",\n")
                .append("  \"language\": \"java\",\n")
                .append("  \"interrupt_mode\": \"message\",\n")
                .append("  \"env\": {},\n")
                .append("  \"metadata\": {\"debugger\": false}\n")
                .append("}\n");
        return json.toString();
    }

    /**
     * Half the RAM for the heap (capped), no heap dumps, headless AWT for charts, native access for
     * JNA and async-profiler. Never -XX:TieredStopAtLevel: the lessons measure performance in this JVM.
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        long ram = totalMemory();
        long heap = ram > 0 ? Math.min(MAX_HEAP, ram / 2) : 4L << 30;
        options.add("-Xmx" + (heap >> 20) + "m");
        options.add("-XX:-HeapDumpOnOutOfMemoryError");
        options.add("-Djava.awt.headless=true");
        // Libraries that log through SLF4J without a backend would warn about it on stderr.
        options.add("-Dslf4j.internal.verbosity=ERROR");
        options.add("--enable-native-access=ALL-UNNAMED");
        options.add("-XX:+EnableDynamicAgentLoading");
        return options;
    }

    /**
     * The kernel's jar, the lib's, and kernel/target/lib, which holds the lib's dependencies as well as
     * the kernel's (resolved together by Maven). Not lib/target/lib as well: every jar would be on the
     * class path twice, and javac in JShell opens every class-path jar at the first cell (the second copies
     * cost the kernel's start about 70 ms).
     */
    static String classPath(Path root) {
        return String.join(File.pathSeparator,
                root.resolve("kernel/target/parallel-lab-kernel.jar").toString(),
                root.resolve("lib/target/parallel-lab-lib.jar").toString(),
                root.resolve("kernel/target/lib/*").toString());
    }

    /**
     * JDK 25 and later keep an AOT cache (JEP 483 and 515: classes loaded and linked ahead of time,
     * plus the method profiles of the training run, so the JIT compiles the hot code of javac
     * sooner); JDK 21 to 24 a dynamic class-data archive. Decided by the JDK that runs the installer,
     * which ./lab makes the kernel's JDK.
     */
    static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    /** Classes the archive cannot hold (cell classes, proxies) are skipped: say nothing about each. */
    /**
     * JNA's native library where {@code ./lab} unpacked it ({@code .lab/jna}), so that the kernel
     * loads it in place instead of copying it out of JNA's jar at every start; nothing when it is not
     * there (JNA then unpacks it itself).
     */
    static List<String> jnaOptions(Path root) {
        Path folder = root.resolve(".lab/jna");
        return Files.isRegularFile(folder.resolve("libjnidispatch.so"))
                ? List.of("-Djna.boot.library.path=" + folder) : List.of();
    }

    static final List<String> QUIET_CDS = AOT_CACHE ? List.of("-Xlog:cds=off", "-Xlog:aot=off")
            : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /**
     * The kernel's class-data archive or AOT cache: the classes of JShell, javac, the protocol and
     * the lib that every start loads, stored ready to map, which saves the kernel a good part of its
     * start (measured: about a fifth of the CPU time to the first result). One per checkout and JDK, since an archive is valid only for the exact jars
     * it was made from; null when there is no cache folder (the kernel then starts without one).
     */
    static Path archive(Path java, Path root) {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "parallel-lab");
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            return null;
        }
        // The class path is part of the key: a cache made for another list of jars is one the JVM would skip.
        String key = Integer.toHexString((java.toAbsolutePath() + File.pathSeparator + root.toAbsolutePath()
                + File.pathSeparator + classPath(root)).hashCode());
        return cache.resolve("kernel-jdk" + Runtime.version().feature() + "-" + key + (AOT_CACHE ? ".aot" : ".jsa"));
    }

    /**
     * True when the archive is newer than every jar it was made from and than the java binary: the JVM
     * skips a cache made for other jars or another JDK build without a word (the kernel logs are quiet
     * about it on purpose), and the kernel then starts about a second slower.
     */
    static boolean isFresh(Path archive, Path java, Path root) {
        try {
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                return false;
            }
            long made = Files.getLastModifiedTime(archive).toMillis();
            if (Files.getLastModifiedTime(java).toMillis() > made) {
                return false;
            }
            for (String entry : classPath(root).split(File.pathSeparator)) {
                for (Path jar : KernelMagics.glob(entry.endsWith("*") ? entry + ".jar" : entry)) {
                    if (Files.getLastModifiedTime(jar).toMillis() > made) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the archive now, at install time, from a training run ({@code Main --train}: a whole kernel
     * driven through its own sockets, see {@link TrainingRun}), rather than at the kernel's first
     * exit: Jupyter kills a kernel that takes long to shut down, and the archive would never be
     * written. If the training fails the kernel still works, it only starts slower.
     */
    static void trainArchive(Path java, Path root, Path archive) {
        Path made = trainingOutput(archive);
        try {
            Process training = startTraining(List.of(), java, root, made);
            if (!training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor();
                System.err.println("parallel-lab install: the class-data archive took too long; the kernel starts without it");
            } else if (training.exitValue() != 0 || !Files.isRegularFile(made)) {
                System.err.println("parallel-lab install: could not make the class-data archive; the kernel starts without it");
            } else {
                replace(made, archive);
            }
        } catch (IOException e) {
            System.err.println("parallel-lab install: could not make the class-data archive (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTrainingOutput(made);
        }
    }

    static final long TRAINING_SECONDS = 300;

    /** Deletes what a training left beside the archive: its output and the configuration file a JDK 25 training writes. */
    static void deleteTrainingOutput(Path made) {
        try {
            Files.deleteIfExists(made);
            Files.deleteIfExists(made.resolveSibling(made.getFileName() + ".config"));
        } catch (IOException e) {
            // A leftover temporary file is harmless; the next training overwrites it.
        }
    }

    /** Where a training run writes: beside the archive, moved over it only once complete. */
    static Path trainingOutput(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
    }

    /** Starts the training run ({@code prefix} goes before java, e.g. nice), writing the archive to {@code output}. */
    static Process startTraining(List<String> prefix, Path java, Path root, Path output) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(java.toString());
        command.addAll(jvmOptions());
        command.addAll(jnaOptions(root));
        command.add((AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + output);
        command.addAll(QUIET_CDS);
        command.addAll(sparkOptions(root.resolve("spark/java-options")));
        command.addAll(List.of("-cp", classPath(root), "parallellab.kernel.Main", Main.TRAIN));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Moves a finished archive over the old one in one step: a kernel running on the old file keeps
     * its mapping (the old file lives on until it exits), and no kernel ever opens a half-written one.
     */
    static void replace(Path made, Path archive) throws IOException {
        try {
            Files.move(made, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(made);
        }
    }

    /**
     * The flags Spark needs on JDK 17+ (--add-opens...), from the Java argument file the spark module
     * keeps, so that the Spark lesson runs in the kernel; they change nothing for the other lessons.
     * Copied into kernel.json rather than passed as {@code @file}: a kernel whose file went missing
     * would not start at all. Comments ({@code #} to the end of the line) are dropped as java does.
     */
    static List<String> sparkOptions(Path argumentFile) {
        if (!Files.isRegularFile(argumentFile)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(argumentFile)) {
                int comment = line.indexOf('#');
                String flags = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!flags.isEmpty()) {
                    options.addAll(List.of(flags.split("\\s+")));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return options;
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    /** The checkout whose jars run this installer (see {@link KitLayout#root()}). */
    static Path projectRoot() {
        return KitLayout.root();
    }

    /** kernel/target/parallel-lab-kernel.jar, or kernel/target/classes when run from the build. */
    static Path kernelCode() {
        return KitLayout.codeLocation(Install.class).orElseThrow(() -> new IllegalStateException("cannot locate the kernel jar"));
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void fail(String message) {
        System.err.println("parallel-lab install: " + message);
        System.exit(1);
    }
}
