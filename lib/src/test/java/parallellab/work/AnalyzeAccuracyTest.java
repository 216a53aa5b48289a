package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parallellab.testing.Manifest;

/** The analyze workload against the bundled library's ground truth (skipped when there is none). */
class AnalyzeAccuracyTest {

    private static final List<String> ANALYSABLE = List.of("mp3", "flac", "ogg", "wav");

    private static Manifest manifest;
    private static Map<String, FileResult> results;

    @BeforeAll
    static void analyseTheLibrary() {
        manifest = Manifest.require();
        AnalyzeWorkload workload = new AnalyzeWorkload();
        results = manifest.scanned().stream()
                .collect(Collectors.toMap(Manifest.Row::path, row -> workload.process(manifest.fileOf(row))));
    }

    @Test
    void findsTheTempoWithinTwoBpmForNineTracksInTen() {
        List<TempoError> errors = new ArrayList<>();
        for (Manifest.Row row : analysable()) {
            FileResult result = results.get(row.path());
            assertThat(result.ok()).as("%s: %s", row.path(), result).isTrue();
            errors.add(new TempoError(row.path(), row.tempoBpm(), ((FileResult.Ok) result).analysis().tempoBpm()));
        }
        errors.sort(Comparator.comparingDouble(TempoError::error).reversed());
        long within = errors.stream().filter(e -> e.error() <= 2).count();
        System.out.printf("tempo within 2 BPM: %d of %d (%.1f%%); worst: %s%n", within, errors.size(),
                100.0 * within / errors.size(), errors.subList(0, Math.min(5, errors.size())));

        assertThat(errors).hasSizeGreaterThan(50);
        assertThat((double) within / errors.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void durationComesFromTheTagsReaderWithinATenthOfASecond() {
        for (Manifest.Row row : analysable()) {
            FileResult.Ok ok = (FileResult.Ok) results.get(row.path());
            assertThat(ok.song()).isEqualTo(((FileResult.Ok) new TagsWorkload().process(manifest.fileOf(row))).song());
            assertThat(ok.song().durationSeconds()).as(row.path()).isCloseTo(row.durationSeconds(), within(0.1));
        }
    }

    @Test
    void analysesTheFirstTenSecondsOrTheWholeShorterTrack() {
        for (Manifest.Row row : analysable()) {
            FileResult.Ok ok = (FileResult.Ok) results.get(row.path());
            double expected = Math.min(AnalyzeWorkload.DEFAULT_SECONDS, row.durationSeconds());
            // vorbisspi stops before the last Ogg page, up to a quarter second early.
            double tolerance = row.format().equals("ogg") ? 0.3 : 0.1;
            assertThat(ok.analysis().analysedSeconds()).as(row.path()).isCloseTo(expected, within(tolerance));
        }
    }

    @Test
    void m4aAndBrokenFilesFailWithAReason() {
        for (Manifest.Row row : manifest.scanned()) {
            FileResult result = results.get(row.path());
            if (row.fails()) {
                assertThat(result.ok()).as(row.path()).isFalse();
            } else if (row.format().equals("m4a")) {
                assertThat(result).as(row.path()).isEqualTo(
                        new FileResult.Failed(manifest.fileOf(row), "analysis not supported for m4a (no pure-Java AAC decoder)"));
            }
        }
    }

    private static List<Manifest.Row> analysable() {
        return manifest.expectedOk().stream().filter(row -> ANALYSABLE.contains(row.format())).toList();
    }

    private record TempoError(String path, double expected, double found) {
        double error() {
            return Double.isNaN(found) ? Double.POSITIVE_INFINITY : Math.abs(found - expected);
        }

        @Override
        public String toString() {
            return String.format("%s expected %.1f found %.2f", Path.of(path).getFileName(), expected, found);
        }
    }
}
