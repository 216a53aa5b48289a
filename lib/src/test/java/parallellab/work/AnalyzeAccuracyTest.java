package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyze workload against the bundled library's ground truth (skipped when there is none). */
class AnalyzeAccuracyTest {

    private static final List<String> ANALYSABLE = List.of("mp3", "flac", "ogg", "wav");

    private static Path library;
    private static List<Map<String, String>> rows;
    private static Map<String, FileResult> results;

    @BeforeAll
    static void analyseTheLibrary() throws IOException {
        Path data = Path.of(System.getProperty("parallellab.data", "data"));
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("manifest.csv")),
                "no audio library: set -Dlab.data=DIR to a folder holding manifest.csv (got " + data + ")");
        library = data.resolve("library");
        rows = ManifestCsv.read(data.resolve("manifest.csv"));
        AnalyzeWorkload workload = new AnalyzeWorkload();
        results = rows.stream()
                .filter(row -> !row.get("expected").equals("skipped"))
                .collect(Collectors.toMap(row -> row.get("path"), row -> workload.process(library.resolve(row.get("path")))));
    }

    @Test
    void findsTheTempoWithinTwoBpmForNineTracksInTen() {
        List<TempoError> errors = new ArrayList<>();
        for (Map<String, String> row : analysable()) {
            FileResult result = results.get(row.get("path"));
            assertThat(result.ok()).as("%s: %s", row.get("path"), result).isTrue();
            double found = ((FileResult.Ok) result).analysis().tempoBpm();
            errors.add(new TempoError(row.get("path"), Double.parseDouble(row.get("tempo_bpm")), found));
        }
        errors.sort(Comparator.comparingDouble(TempoError::error).reversed());
        long within = errors.stream().filter(e -> e.error() <= 2).count();
        System.out.printf("tempo within 2 BPM: %d of %d (%.1f%%); worst: %s%n", within, errors.size(),
                100.0 * within / errors.size(), errors.subList(0, Math.min(5, errors.size())));

        assertThat(errors).hasSizeGreaterThan(50);
        assertThat((double) within / errors.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void durationIsWithinATenthOfASecond() {
        for (Map<String, String> row : analysable()) {
            FileResult.Ok ok = (FileResult.Ok) results.get(row.get("path"));
            assertThat(ok.song().durationSeconds()).as(row.get("path"))
                    .isCloseTo(Double.parseDouble(row.get("duration_s")), within(0.1));
        }
    }

    @Test
    void analysesTheFirstTenSecondsOrTheWholeShorterTrack() {
        for (Map<String, String> row : analysable()) {
            FileResult.Ok ok = (FileResult.Ok) results.get(row.get("path"));
            double expected = Math.min(AnalyzeWorkload.DEFAULT_SECONDS, Double.parseDouble(row.get("duration_s")));
            assertThat(ok.analysis().analysedSeconds()).as(row.get("path")).isCloseTo(expected, within(0.1));
        }
    }

    @Test
    void m4aAndBrokenFilesFailWithAReason() {
        for (Map<String, String> row : rows) {
            FileResult result = results.get(row.get("path"));
            if (row.get("expected").startsWith("fail:")) {
                assertThat(result.ok()).as(row.get("path")).isFalse();
            } else if (row.get("expected").equals("ok") && row.get("format").equals("m4a")) {
                assertThat(result).as(row.get("path"))
                        .isEqualTo(new FileResult.Failed(library.resolve(row.get("path")), "analysis not supported for m4a (no pure-Java AAC decoder)"));
            }
        }
    }

    private static List<Map<String, String>> analysable() {
        return rows.stream()
                .filter(row -> row.get("expected").equals("ok") && ANALYSABLE.contains(row.get("format")))
                .toList();
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

    /** A minimal reader for manifest.csv (quoted fields allowed), until the shared test helper lands. */
    static final class ManifestCsv {
        static List<Map<String, String>> read(Path csv) throws IOException {
            List<List<String>> records = parse(Files.readString(csv));
            List<String> header = records.get(0);
            List<Map<String, String>> out = new ArrayList<>();
            for (List<String> record : records.subList(1, records.size())) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < record.size() ? record.get(i) : "");
                }
                out.add(row);
            }
            return out;
        }

        private static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    record.add(field.toString().replace("\r", ""));
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }

}
