package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Odd but valid files that mutagen reads ({@code tools/oddcorpus.py} made them and recorded what
 * mutagen 1.48 reads in {@code expected.json}): our tag reader reads each one and agrees with
 * mutagen on title, artist, album and duration (within 0.1 s).
 */
class OddFilesTest {

    /** Files mutagen reads and we do not yet, each with why; remove a name when its reader is fixed. */
    static final Map<String, String> NOT_YET = Map.of();

    @Test
    void theTagReaderAgreesWithMutagenOnEveryOddFileMutagenReads() throws IOException, URISyntaxException {
        Path folder = Path.of(OddFilesTest.class.getResource("/odd/expected.json").toURI()).getParent();
        JsonNode files = new ObjectMapper().readTree(folder.resolve("expected.json").toFile()).get("files");
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) files::fields) {
            String name = e.getKey();
            JsonNode want = e.getValue();
            if (want.has("unreadable") || NOT_YET.containsKey(name)) {
                continue;
            }
            FileResult result = new TagsWorkload().process(folder.resolve(name));
            if (!(result instanceof FileResult.Ok ok)) {
                disagreements.add(name + ": " + ((FileResult.Failed) result).reason());
                continue;
            }
            SongData song = ok.song();
            String got = song.title() + " | " + song.artist() + " | " + song.album();
            String expected = want.get("title").asText() + " | " + want.get("artist").asText() + " | " + want.get("album").asText();
            if (!got.equals(expected) || Math.abs(song.durationSeconds() - want.get("duration").asDouble()) > 0.1) {
                disagreements.add(name + ": read " + got + " | " + song.durationSeconds() + " s, mutagen " + expected + " | " + want.get("duration").asDouble() + " s");
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theCorpusIsSmall() throws Exception {
        Path folder = Path.of(OddFilesTest.class.getResource("/odd/expected.json").toURI()).getParent();
        long total = 0;
        try (var files = java.nio.file.Files.list(folder)) {
            for (Path p : files.toList()) {
                total += java.nio.file.Files.size(p);
            }
        }
        assertThat(total).isLessThan(1_000_000);
        assertThat(Set.copyOf(NOT_YET.keySet())).allMatch(n -> java.nio.file.Files.exists(folder.resolve(n)));
    }
}
