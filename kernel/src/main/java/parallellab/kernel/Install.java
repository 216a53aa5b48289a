package parallellab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        return dir;
    }

    static String kernelJson(Path java, Path root) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions());
        argv.addAll(sparkOptions(root.resolve("spark/java-options")));
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator,
                root.resolve("kernel/target/parallel-lab-kernel.jar").toString(),
                root.resolve("lib/target/parallel-lab-lib.jar").toString(),
                root.resolve("lib/target/lib/*").toString(),
                root.resolve("kernel/target/lib/*").toString()));
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
     * JNA and async-profiler, and a class-data archive that makes later starts faster. Never
     * -XX:TieredStopAtLevel: the lessons measure performance in this JVM.
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
        options.add("-Xshare:auto");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "parallel-lab");
        try {
            Files.createDirectories(cache);
            options.add("-XX:SharedArchiveFile=" + cache.resolve("kernel-jdk" + Runtime.version().feature() + "-" + Runtime.version() + ".jsa"));
            options.add("-XX:+AutoCreateSharedArchive");
            // Classes the archive cannot hold (cell classes, proxies) are skipped: say nothing about each.
            options.add("-Xlog:cds=off");
            options.add("-Xlog:cds+dynamic=off");
        } catch (IOException e) {
            // No cache folder: start without the archive, only a little slower.
        }
        return options;
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

    /** The checkout that holds kernel/target/parallel-lab-kernel.jar (this class's jar). */
    static Path projectRoot() {
        return kernelCode().getParent().getParent().getParent();
    }

    /** kernel/target/parallel-lab-kernel.jar, or kernel/target/classes when run from the build. */
    static Path kernelCode() {
        try {
            return Path.of(Install.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kernel jar", e);
        }
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
