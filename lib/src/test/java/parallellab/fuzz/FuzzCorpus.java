package parallellab.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A folder of damaged copies of a library's audio files, the same for a given seed: every
 * {@link Damage} kind in turn, each applied to a file picked at random. The source library is
 * only read; the copies keep their source's extension, so the walker finds them and the sniffer
 * decides what they really are.
 */
public final class FuzzCorpus {

    private static final List<String> EXTENSIONS = List.of("mp3", "flac", "ogg", "m4a", "wav");

    private FuzzCorpus() {}

    /** The audio files of {@code library}, sorted, so the corpus depends on the seed alone. */
    public static List<Path> sources(Path library) throws IOException {
        try (Stream<Path> walk = Files.walk(library)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.contains(extension(p)) && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** Writes {@code count} damaged copies into {@code folder}; returns each copy with its damage. */
    public static Map<Path, Damage> write(List<Path> sources, Path folder, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        Map<Path, Damage> corpus = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Path source = sources.get(random.nextInt(sources.size()));
            Path other = sources.get(random.nextInt(sources.size()));
            Damage kind = Damage.values()[i % Damage.values().length];
            Path target = folder.resolve(String.format("%05d-%s.%s", i, kind.name().toLowerCase().replace('_', '-'), extension(source)));
            byte[] original = Files.readAllBytes(source);
            Files.write(target, kind.apply(original, kind == Damage.SPLICED ? Files.readAllBytes(other) : original, random));
            corpus.put(target, kind);
        }
        return corpus;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
