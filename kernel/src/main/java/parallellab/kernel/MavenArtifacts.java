package parallellab.kernel;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import parallellab.kernel.jshell.CellFailure;

/**
 * {@code %maven}'s bridge to Maven Resolver. The resolver and its libraries (Maven's model,
 * plexus, Apache HttpClient) live in {@code kernel/target/maven}, not on the kernel's class path:
 * the cells' class loader asks the kernel's class path first, so a library there would silently
 * win over the version a cell resolves. They are loaded once, by a class loader of their own whose
 * parent is the platform loader, and {@code parallellab.kernel.maven.Resolution} is called through
 * {@link Function}, a JDK type both sides share. One instance per kernel keeps that loader.
 */
final class MavenArtifacts {

    private static final String RESOLUTION = "parallellab.kernel.maven.Resolution";

    private Function<List<String>, List<String>> resolver; // guarded by this; loaded on first use

    List<Path> resolve(List<String> coordinates) throws CellFailure {
        try {
            return resolver().apply(coordinates).stream().map(Path::of).toList();
        } catch (IllegalArgumentException e) {
            throw failure("%maven: " + e.getMessage());
        }
    }

    private synchronized Function<List<String>, List<String>> resolver() throws CellFailure {
        if (resolver == null) {
            resolver = load();
        }
        return resolver;
    }

    @SuppressWarnings("unchecked")
    private static Function<List<String>, List<String>> load() throws CellFailure {
        Path kernelCode = Install.kernelCode();
        Path target = kernelCode.getParent();
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(kernelCode.toUri().toURL());
            for (Path jar : KernelMagics.glob(target.resolve("maven").resolve("*.jar").toString())) {
                urls.add(jar.toUri().toURL());
            }
            for (Path jar : KernelMagics.glob(target.resolve("lib").resolve("slf4j-api-*.jar").toString())) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw failure("%maven: cannot read " + target.resolve("maven") + ": " + e.getMessage());
        }
        if (urls.size() < 3) {
            throw failure("%maven: Maven Resolver is missing from " + target.resolve("maven") + " (rebuild with ./mvnw package)");
        }
        ClassLoader loader = new URLClassLoader("maven-resolver", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            return (Function<List<String>, List<String>>) loader.loadClass(RESOLUTION).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw failure("%maven: Maven Resolver could not start: " + cause);
        }
    }

    private static CellFailure failure(String message) {
        return new CellFailure("MagicError", message, List.of(message));
    }
}
