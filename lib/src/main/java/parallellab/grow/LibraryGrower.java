package parallellab.grow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import parallellab.scan.LibraryWalker;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Grows the small bundled library into a big one (10,000 files, say) for scale experiments: does
 * a scan's time grow linearly with the number of files, and does its memory stay bounded?
 *
 * <p>It copies the readable tracks, cycling through them, into an {@code Artist NNN/Album NN/}
 * layout, then writes new tags into each COPY ("Copy 00042 of ...", a new artist, album, track
 * and year), so every file is distinct. The bundled files are only ever read: copy first, then tag
 * the copy. Copying real audio costs disk space (the bundled tracks average a few hundred KB), but
 * makes the workloads do real work on every file, which a thousand links to one file would not.
 *
 * <p>From a notebook: {@code LibraryGrower.from(Path.of("data/library")).grow(Path.of("/tmp/lib10k"), 10_000, 1)}.
 */
public final class LibraryGrower {

    /** A hidden file (the walker skips it) that marks a folder as grown, so {@code --force} may replace it. */
    public static final String MARKER = ".parallel-lab-grown";

    static final int FILES_PER_ALBUM = 10;
    static final int ALBUMS_PER_ARTIST = 10;

    /** A track to copy and the title its copies are named after. */
    public record Source(Path file, String title) {}

    /** What a growth wrote; {@code sources} is how many distinct tracks the copies came from. */
    public record Grown(Path library, int files, long bytes, int sources) {}

    /** Held here so the level set below is not lost when the logger is garbage-collected. */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    private final List<Source> sources;

    private LibraryGrower(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no readable audio files to copy");
        }
        this.sources = List.copyOf(sources);
    }

    /**
     * The tracks of {@code library} that read well: the rows marked {@code ok} in the
     * {@code manifest.csv} beside it, or, without a manifest, every audio file whose tags
     * jaudiotagger can read.
     */
    public static LibraryGrower from(Path library) {
        LibraryWalker.requireLibraryFolder(library);
        quietLogging();
        Path manifest = library.toAbsolutePath().normalize().resolveSibling("manifest.csv");
        return new LibraryGrower(Files.isRegularFile(manifest) ? fromManifest(library, manifest) : readable(library));
    }

    public List<Source> sources() {
        return sources;
    }

    private static List<Source> fromManifest(Path library, Path manifest) {
        Table table = Table.read().usingOptions(CsvReadOptions.builder(manifest.toFile()).columnTypes(column -> ColumnType.STRING));
        List<Source> ok = new ArrayList<>();
        for (Row row : table) {
            if (row.getString("expected").equals("ok")) {
                Path file = library.resolve(row.getString("path"));
                String title = row.getString("title").strip();
                ok.add(new Source(file, title.isEmpty() ? stem(file) : title));
            }
        }
        return ok;
    }

    private static List<Source> readable(Path library) {
        List<Source> ok = new ArrayList<>();
        for (Path file : LibraryWalker.audioFiles(library)) {
            try {
                Tag tag = AudioFileIO.read(file.toFile()).getTag();
                String title = tag == null ? "" : tag.getFirst(FieldKey.TITLE);
                ok.add(new Source(file, title.isBlank() ? stem(file) : title));
            } catch (Exception unreadable) {
                // Broken files are exactly what the grown library must not contain: skip it.
            }
        }
        return ok;
    }

    /**
     * Writes {@code files} tagged copies under {@code to}, which must be missing or empty (see
     * {@link #clearGrown}). The seed fixes which track each copy comes from and its year.
     *
     * @throws InterruptedException when the calling thread is interrupted (the copies so far stay)
     */
    public Grown grow(Path to, int files, long seed) throws IOException, InterruptedException {
        if (files < 1) {
            throw new IllegalArgumentException("the number of files must be at least 1 (got " + files + ")");
        }
        Objects.requireNonNull(to, "to");
        if (Files.exists(to) && !isEmptyFolder(to)) {
            throw new IllegalArgumentException("target folder is not empty: " + to);
        }
        Files.createDirectories(to);
        Files.writeString(to.resolve(MARKER), "grown by parallel-lab from " + sources.size() + " tracks\n");
        List<Source> order = new ArrayList<>(sources);
        Random random = new Random(seed);
        Collections.shuffle(order, random);
        int width = Math.max(4, String.valueOf(files - 1).length());
        long bytes = 0;
        Set<Source> tagsRoundTrip = new HashSet<>();
        Set<Source> rejected = new HashSet<>();
        int cursor = 0;
        for (int i = 0; i < files; i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("growth interrupted after " + i + " of " + files + " files");
            }
            int year = 1960 + random.nextInt(65);
            while (true) {
                if (rejected.size() == order.size()) {
                    throw new IOException("none of the " + order.size() + " tracks keeps the tags written into a copy");
                }
                Source source = order.get(cursor++ % order.size());
                if (rejected.contains(source)) {
                    continue;
                }
                Copy copy = Copy.numbered(i, width, source, year);
                Path target = to.resolve(copy.relativePath(extension(source.file())));
                Files.createDirectories(target.getParent());
                Files.copy(source.file(), target);
                target.toFile().setWritable(true, true);
                // Some tracks cannot be tagged (an mp3 named .flac) or take the write but read back
                // without it (a WAV with an INFO chunk): check each track's first copy, and cycle past
                // the tracks whose copies would not be distinct.
                boolean tagged = tag(target, copy);
                if (tagged && (tagsRoundTrip.contains(source) || titleOf(target).equals(copy.title()))) {
                    tagsRoundTrip.add(source);
                    bytes += Files.size(target);
                    break;
                }
                Files.delete(target);
                rejected.add(source);
            }
        }
        return new Grown(to, files, bytes, tagsRoundTrip.size());
    }

    /** The tags and place of one copy. */
    record Copy(String title, String artist, String album, int track, int year, String fileStem) {
        static Copy numbered(int i, int width, Source source, int year) {
            int artist = i / (FILES_PER_ALBUM * ALBUMS_PER_ARTIST);
            int album = i / FILES_PER_ALBUM % ALBUMS_PER_ARTIST;
            int track = i % FILES_PER_ALBUM + 1;
            String title = String.format(Locale.ROOT, "Copy %0" + width + "d of %s", i, source.title());
            return new Copy(title, String.format(Locale.ROOT, "Artist %03d", artist), String.format(Locale.ROOT, "Album %02d", album),
                    track, year, String.format(Locale.ROOT, "%02d %s", track, safeFileName(title)));
        }

        Path relativePath(String extension) {
            return Path.of(artist, album, fileStem + "." + extension);
        }
    }

    /** Writes the copy's tags; false when jaudiotagger cannot tag this file. */
    private static boolean tag(Path file, Copy copy) {
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            Tag tag = audio.getTagOrCreateAndSetDefault();
            tag.setField(FieldKey.TITLE, copy.title());
            tag.setField(FieldKey.ARTIST, copy.artist());
            tag.setField(FieldKey.ALBUM, copy.album());
            tag.setField(FieldKey.TRACK, String.valueOf(copy.track()));
            tag.setField(FieldKey.YEAR, String.valueOf(copy.year()));
            audio.commit();
            return true;
        } catch (Exception cannotTag) {
            return false;
        }
    }

    private static String titleOf(Path file) {
        try {
            Tag tag = AudioFileIO.read(file.toFile()).getTag();
            return tag == null ? "" : tag.getFirst(FieldKey.TITLE);
        } catch (Exception unreadable) {
            return "";
        }
    }

    /** True for a folder this class grew (it holds the marker file). */
    public static boolean isGrown(Path folder) {
        return Files.isRegularFile(folder.resolve(MARKER));
    }

    /** Deletes a grown library's contents, and refuses any folder this class did not grow. */
    public static void clearGrown(Path folder) throws IOException {
        if (!isGrown(folder)) {
            throw new IllegalArgumentException("not a grown library (no " + MARKER + "), not deleting: " + folder);
        }
        deleteContents(folder);
    }

    /** Deletes what is in {@code folder}, links included, never following them, and keeps the folder. */
    static void deleteContents(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(folder)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a grown library and its folder (see {@link #clearGrown}). */
    public static void deleteGrown(Path folder) throws IOException {
        clearGrown(folder);
        Files.delete(folder);
    }

    public static boolean isEmptyFolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safeFileName(String name) {
        String safe = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        return safe.length() > 80 ? safe.substring(0, 80).strip() : safe;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * jaudiotagger logs through java.util.logging, even success at SEVERE; its failures reach us as
     * exceptions. Tablesaw, reading the manifest, starts SLF4J, which has no binding on the core's
     * class path and would say so on stderr.
     */
    private static void quietLogging() {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }
}
