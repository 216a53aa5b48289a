package parallellab.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.apache.spark.SparkContext;

/**
 * Lays out the folder Spark's launcher expects a Spark installation to be, from the jars this JVM
 * already runs Spark with: nothing is downloaded, and master, workers and executors run exactly the
 * driver's Spark version.
 *
 * <p>A Spark home, as far as a standalone worker is concerned, is a {@code RELEASE} file (its presence
 * tells the launcher this is a distribution, not a source tree) and a {@code jars/} folder whose
 * {@code *} is the executors' class path. The jars are linked, not copied (250 MB).
 */
public final class SparkHome {

    /** The Scala version of spark-core_2.13; the launcher looks for it in SPARK_SCALA_VERSION. */
    public static final String SCALA_VERSION = "2.13";

    private SparkHome() {}

    /**
     * Creates (or refreshes) a Spark home in {@code folder} and returns it.
     *
     * @throws IllegalStateException with one line when this JVM's Spark jars cannot be found
     */
    public static Path layOut(Path folder) {
        List<Path> jars = driverJars();
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core"))) {
            throw new IllegalStateException("cannot find Spark's jars on this JVM's class path: run ./mvnw -pl spark -am package");
        }
        try {
            Path jarsDir = folder.resolve("jars");
            if (Files.isDirectory(jarsDir)) {
                try (var old = Files.list(jarsDir)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(jarsDir);
            for (Path jar : jars) {
                Path link = jarsDir.resolve(jar.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
            Files.writeString(folder.resolve("RELEASE"), "Spark " + SparkContext.class.getPackage().getImplementationVersion()
                    + " laid out by parallel-lab from the driver's jars (Scala " + SCALA_VERSION + ")\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Spark home in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The jars this JVM loads Spark from, without the kit's own (executors receive those from the
     * driver, as they would on any cluster). Looks at the class loader that loaded Spark (the CLI
     * loads Spark in a loader of its own), then at the class path (expanding the manifest-only jar
     * that Maven's test runner uses).
     */
    static List<Path> driverJars() {
        Map<String, Path> byName = new LinkedHashMap<>();
        if (SparkContext.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                add(byName, toPath(url));
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry);
                add(byName, path);
                manifestClassPath(path).forEach(p -> add(byName, p));
            }
        }
        if (byName.keySet().stream().noneMatch(n -> n.startsWith("spark-core"))) {
            // In a notebook the jars come from %jars: take spark/target/lib beside this module.
            Path own = toPath(SparkHome.class.getProtectionDomain().getCodeSource().getLocation());
            Path lib = own == null ? null : own.resolveSibling("lib");
            if (lib != null && Files.isDirectory(lib)) {
                try (var listed = Files.list(lib)) {
                    listed.sorted().forEach(p -> add(byName, p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static void add(Map<String, Path> byName, Path path) {
        if (path == null) {
            return;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith(".jar") && !name.startsWith("parallel-lab") && !name.startsWith("surefire") && Files.isRegularFile(path)) {
            byName.putIfAbsent(name, path.toAbsolutePath());
        }
    }

    private static Path toPath(URL url) {
        try {
            return "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Maven's surefire runs tests from a jar whose manifest Class-Path holds the real class path. */
    private static List<Path> manifestClassPath(Path jar) {
        if (!jar.getFileName().toString().startsWith("surefire") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Class-Path");
            List<Path> paths = new ArrayList<>();
            if (classPath != null) {
                for (String entry : classPath.trim().split("\\s+")) {
                    try {
                        paths.add(Path.of(jar.getParent().toUri().resolve(entry)));
                    } catch (RuntimeException e) {
                        // not a file URL: not a jar we can link
                    }
                }
            }
            return paths;
        } catch (IOException e) {
            return List.of();
        }
    }
}
