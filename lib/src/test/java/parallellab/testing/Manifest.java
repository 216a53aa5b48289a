package parallellab.testing;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * The bundled library's ground truth, {@code data/manifest.csv}, for tests to check results against.
 *
 * <p>Tests find the data folder through the system property {@code parallellab.data} (surefire sets it
 * from the Maven property {@code lab.data}). {@link #require()} skips the calling test with a clear
 * message when the library is not there, so a checkout without data still builds.
 */
public record Manifest(Path dataDir, List<Row> rows) {

    public static final String DATA_PROPERTY = "parallellab.data";

    /** One file of the library as the generator made it. Blank numbers are 0 (NaN for tempo). */
    public record Row(String path, String format, String title, String artist, String album, int track,
                      int year, String genre, double durationSeconds, double tempoBpm, String key,
                      String expected) {

        /** The file should be read without error. */
        public boolean ok() {
            return expected.equals("ok");
        }

        /** The file should give a {@code FileResult.Failed}; {@link #failKind()} says why. */
        public boolean fails() {
            return expected.startsWith("fail:");
        }

        /** The walker should not hand the file to a workload at all (hidden, not audio). */
        public boolean skipped() {
            return expected.equals("skipped");
        }

        /** For {@code fail:empty} it is {@code empty}; "" for rows that do not fail. */
        public String failKind() {
            return fails() ? expected.substring("fail:".length()) : "";
        }
    }

    /** The data folder named by {@code parallellab.data}, if it holds a manifest. */
    public static Optional<Manifest> load() {
        String dir = System.getProperty(DATA_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path data = Path.of(dir);
        return Files.isRegularFile(data.resolve("manifest.csv")) ? Optional.of(read(data)) : Optional.empty();
    }

    /** The manifest, or the calling test is skipped (not failed) with the reason. */
    public static Manifest require() {
        Optional<Manifest> manifest = load();
        Assumptions.assumeTrue(manifest.isPresent(),
                "no audio library: set -Dlab.data=DIR to a folder holding manifest.csv and library/ (got "
                        + System.getProperty(DATA_PROPERTY) + ")");
        return manifest.get();
    }

    /** Reads {@code data/manifest.csv}. */
    public static Manifest read(Path dataDir) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.trimValues(false);
        try (Reader in = Files.newBufferedReader(dataDir.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
            CsvParser parser = new CsvParser(settings);
            List<Row> rows = new ArrayList<>();
            parser.beginParsing(in);
            String[] header = parser.getContext().headers();
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                column.put(header[i].strip(), i);
            }
            String[] r;
            while ((r = parser.parseNext()) != null) {
                String[] f = r;
                Function<String, String> get = name -> {
                    Integer i = column.get(name);
                    return i == null || i >= f.length || f[i] == null ? "" : f[i];
                };
                rows.add(new Row(get.apply("path"), get.apply("format"), get.apply("title"), get.apply("artist"),
                        get.apply("album"), toInt(get.apply("track")), toInt(get.apply("year")), get.apply("genre"),
                        toDouble(get.apply("duration_s"), 0), toDouble(get.apply("tempo_bpm"), Double.NaN),
                        get.apply("key"), get.apply("expected").strip()));
            }
            return new Manifest(dataDir, List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audio library folder, {@code data/library}. */
    public Path library() {
        return dataDir.resolve("library");
    }

    /** The file a row describes. */
    public Path fileOf(Row row) {
        return library().resolve(row.path());
    }

    public List<Row> expectedOk() {
        return rows.stream().filter(Row::ok).toList();
    }

    public List<Row> expectedFailures() {
        return rows.stream().filter(Row::fails).toList();
    }

    public List<Row> skipped() {
        return rows.stream().filter(Row::skipped).toList();
    }

    /** Rows the walker should return: expected to read or to fail, but not skipped. */
    public List<Row> scanned() {
        return rows.stream().filter(r -> !r.skipped()).toList();
    }

    /** The row for a path relative to the library, if any. */
    public Optional<Row> row(String relativePath) {
        return rows.stream().filter(r -> r.path().equals(relativePath)).findFirst();
    }

    private static int toInt(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return (int) Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double toDouble(String s, double blank) {
        String t = s.strip();
        if (t.isEmpty()) {
            return blank;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return blank;
        }
    }
}
