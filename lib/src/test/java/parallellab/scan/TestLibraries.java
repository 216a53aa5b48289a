package parallellab.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/** Small libraries for scanner tests: generated files, the bundled library, random subsets. */
public final class TestLibraries {

    private static final String[] EXTENSIONS = {"mp3", "flac", "ogg", "m4a", "wav"};

    private TestLibraries() {}

    /**
     * Writes {@code count} files with audio extensions and random bytes (a few empty) in nested
     * folders, plus non-audio files the walk must skip.
     */
    public static Path generate(Path dir, int count, long seed) {
        Random random = new Random(seed);
        try {
            for (int i = 0; i < count; i++) {
                Path folder = dir.resolve("artist-" + (i % 4)).resolve("album-" + (i % 3));
                Files.createDirectories(folder);
                byte[] bytes = new byte[i % 10 == 7 ? 0 : 200 + random.nextInt(4000)];
                random.nextBytes(bytes);
                Files.write(folder.resolve(String.format("%02d track é %d.%s", i, i, EXTENSIONS[i % EXTENSIONS.length])), bytes);
            }
            Files.writeString(dir.resolve("notes.txt"), "not audio");
            Files.write(dir.resolve(".DS_Store"), new byte[] {0});
            Files.createDirectories(dir.resolve("empty folder"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled library when the tests were given one ({@code -Dlab.data=...}). */
    static Optional<Path> bundled() {
        String data = System.getProperty("parallellab.data");
        if (data == null) {
            return Optional.empty();
        }
        Path library = Path.of(data, "library");
        return Files.isDirectory(library) && Files.exists(Path.of(data, "manifest.csv")) ? Optional.of(library) : Optional.empty();
    }

    /** Links a random subset of {@code source}'s audio files into {@code target}, keeping their folders. */
    static Path randomSubset(Path source, Path target, long seed) {
        Random random = new Random(seed);
        List<Path> files = LibraryWalker.audioFiles(source);
        double keep = 0.1 + 0.9 * random.nextDouble();
        try {
            Files.createDirectories(target);
            for (Path file : files) {
                if (random.nextDouble() < keep) {
                    Path link = target.resolve(source.relativize(file).toString());
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, file.toAbsolutePath());
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
