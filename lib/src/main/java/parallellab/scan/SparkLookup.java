package parallellab.scan;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the Spark strategy without depending on it. Spark brings some 250 MB of jars, so it lives
 * in its own module ({@code spark/}); the core loads {@code parallellab.spark.SparkScanner} by name,
 * from the class path when it is there (a notebook that added it) or else from
 * {@code spark/target/parallel-lab-spark.jar} and {@code spark/target/lib/*} next to this lib's jar.
 */
public final class SparkLookup {

    static final String SCANNER_CLASS = "parallellab.spark.SparkScanner";
    static final String NOT_BUILT = "the spark module is not built: run ./mvnw -pl spark package";

    private static final Object LOCK = new Object();
    /** One loader per JVM: Spark's classes are loaded once, whatever the number of scans. Guarded by LOCK. */
    private static ClassLoader sparkLoader;

    private SparkLookup() {}

    /** The Spark scanner on {@code local[workers]}. */
    public static LibraryScanner create(ScanOptions options) {
        return create(options, null);
    }

    /**
     * The Spark scanner on {@code master} (null: {@code local[workers]}).
     *
     * @throws IllegalStateException with a one-line message when the spark module is not built
     */
    public static LibraryScanner create(ScanOptions options, String master) {
        try {
            Class<?> scanner = Class.forName(SCANNER_CLASS, true, loader());
            return (LibraryScanner) scanner.getConstructor(ScanOptions.class, String.class).newInstance(options, master);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(NOT_BUILT);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("could not start the spark strategy: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not start the spark strategy: " + e, e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader own = SparkLookup.class.getClassLoader();
        try {
            Class.forName(SCANNER_CLASS, false, own);
            return own;
        } catch (ClassNotFoundException notOnClassPath) {
            synchronized (LOCK) {
                if (sparkLoader == null) {
                    sparkLoader = new URLClassLoader("spark", moduleJars(projectRoot()), own);
                }
                return sparkLoader;
            }
        }
    }

    /**
     * The project folder, found from where this class was loaded: {@code lib/target/parallel-lab-lib.jar}
     * or {@code lib/target/classes}, three levels below the root either way.
     */
    static Path projectRoot() {
        try {
            Path here = Path.of(SparkLookup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = here.getParent() == null ? null : here.getParent().getParent();
            root = root == null ? null : root.getParent();
            if (root == null) {
                throw new IllegalStateException(NOT_BUILT);
            }
            return root;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException(NOT_BUILT);
        }
    }

    static URL[] moduleJars(Path root) {
        Path target = root.resolve("spark").resolve("target");
        Path jar = target.resolve("parallel-lab-spark.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(NOT_BUILT);
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            urls.add(jar.toUri().toURL());
            for (Path dependency : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(dependency.toUri().toURL());
            }
        } catch (IOException e) {
            throw new IllegalStateException(NOT_BUILT);
        }
        return urls.toArray(URL[]::new);
    }
}
