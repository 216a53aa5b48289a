package parallellab.kit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the kit lives on disk: its top folder (the one holding {@code ./lab} and {@code data/}) and
 * the jar or folder each class was loaded from.
 *
 * <p>The one place that knows the layout, so that the notebooks' facade, the pool's worker class
 * path, the kernel's installer and Spark's executor jars all find the same checkout the same way.
 */
public final class KitLayout {

    private KitLayout() {}

    /**
     * The kit's top folder: looked for upwards from where the kit's code was loaded (its jar in
     * {@code lib/target}, or {@code lib/target/classes}), then from the working directory.
     *
     * @throws IllegalStateException with a one-line message when neither is inside a checkout
     */
    public static Path root() {
        List<Path> starts = new ArrayList<>();
        codeLocation(KitLayout.class).ifPresent(starts::add);
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("lab")) && Files.isDirectory(dir.resolve("data"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("cannot find the parallel-lab folder (the one with ./lab and data/) from " + Path.of("").toAbsolutePath());
    }

    /** The jar or folder {@code type} was loaded from, when it came from a file (not a notebook cell or a generated class). */
    public static Optional<Path> codeLocation(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
