package parallellab.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A FLAC that sends jflac 1.5.2's frame search into an endless loop: the first 49,487 bytes of the
 * bundled library's first FLAC, then 51,092 random bytes (seed 5). Found by the fuzzer
 * ({@link Damage#GARBAGE_TAIL}); jflac alone spins on it forever, at 100% of a core.
 */
public final class StuckFlac {

    private StuckFlac() {}

    public static Path write(Path library, Path target) throws IOException {
        Path first;
        try (Stream<Path> files = Files.walk(library)) {
            first = files.filter(p -> p.toString().endsWith(".flac")).sorted().findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(first);
        Random random = new Random(5);
        int keep = 30000 + random.nextInt(60000);
        byte[] garbage = new byte[1000 + random.nextInt(100000)];
        random.nextBytes(garbage);
        byte[] bytes = Arrays.copyOf(original, keep + garbage.length);
        System.arraycopy(garbage, 0, bytes, keep, garbage.length);
        Files.write(target, bytes);
        return target;
    }
}
