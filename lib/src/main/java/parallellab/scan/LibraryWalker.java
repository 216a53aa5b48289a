package parallellab.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Java {@code os.walk}: finds the audio files of a library, in a stable sorted order.
 *
 * <p>It skips hidden files and folders (".DS_Store", ".git") and macOS AppleDouble files ("._x.mp3"),
 * keeps files whose extension names an audio format, follows symbolic links, and steps over a
 * symlink loop with a warning instead of walking forever. Folders are visited in sorted order so that
 * every scanner sees the same sequence of files.
 */
public final class LibraryWalker {

    /** Extensions of the formats the workloads read. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "flac", "ogg", "oga", "m4a", "mp4", "aac", "wav", "wave", "aif", "aiff");

    private final List<String> warnings = new ArrayList<>();

    /**
     * Walks {@code root} and hands each audio file to {@code sink} as soon as it is found, so a
     * producer thread can feed a queue while the walk goes on.
     *
     * @throws IllegalArgumentException with a one-line message when root is missing or not a folder
     */
    public void walk(Path root, Consumer<Path> sink) {
        requireLibraryFolder(root);
        walkFolder(root, new HashSet<>(), sink);
    }

    private void walkFolder(Path dir, Set<Object> ancestors, Consumer<Path> sink) {
        Object identity = identityOf(dir);
        if (!ancestors.add(identity)) {
            warn("skipped a symbolic link loop at " + dir);
            return;
        }
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            warn("could not read folder " + dir + ": " + e.getClass().getSimpleName());
            ancestors.remove(identity);
            return;
        }
        for (Path child : children) {
            if (isHidden(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                walkFolder(child, ancestors, sink);
            } else if (Files.isRegularFile(child) && isAudioFile(child)) {
                sink.accept(child);
            }
        }
        ancestors.remove(identity);
    }

    /** The folder's identity on disk, so a link back to an ancestor is seen as a loop. */
    private static Object identityOf(Path dir) {
        try {
            Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            return key != null ? key : dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** Walks {@code root} and returns its audio files in walk order. */
    public List<Path> list(Path root) {
        List<Path> files = new ArrayList<>();
        walk(root, files::add);
        return files;
    }

    /** Convenience: the audio files under {@code root}. */
    public static List<Path> audioFiles(Path root) {
        return new LibraryWalker().list(root);
    }

    /** What the last walks stepped over (loops, unreadable folders), one line each. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    private synchronized void warn(String warning) {
        warnings.add(warning);
    }

    /** Checks that root is an existing folder, with a one-line error a learner can act on. */
    public static void requireLibraryFolder(Path root) {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("no such folder: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a folder: " + root + " (give the folder that holds the music)");
        }
        if (!Files.isReadable(root)) {
            throw new IllegalArgumentException("cannot read folder: " + root);
        }
    }

    public static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    public static boolean isAudioFile(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
            return false; // hidden files and AppleDouble "._" companions
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
