package parallellab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import parallellab.measure.Timing;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * What a scan produced, as text for a person, JSON for a program and a table for a notebook.
 *
 * <p>Paths are shown relative to the library folder and results are sorted by path, so two runs
 * with different strategies print the same rows in the same order and can be diffed.
 *
 * @param root       the library folder that was scanned
 * @param results    one result per file, in any order
 * @param timing     what {@code time} would say about the scan
 * @param workload   the workload's name
 * @param strategy   the scanner's name
 * @param workers    how many workers it was given
 * @param complete   false when the scan was interrupted and {@code results} is what finished
 */
public record ScanReport(Path root, List<FileResult> results, Timing timing, String workload, String strategy,
                         int workers, boolean complete) {

    /** One output column: its name, its Tablesaw type and how to get it from a result (null if none). */
    private record Column(String name, ColumnType type, Function<FileResult, Object> value) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ScanReport {
        Path base = root.toAbsolutePath().normalize();
        results = results.stream().sorted(Comparator.comparing(r -> relative(base, r.path()))).toList();
    }

    public long ok() {
        return results.stream().filter(FileResult::ok).count();
    }

    public long failed() {
        return results.size() - ok();
    }

    /** Failure reasons with how often each occurred, most frequent first. */
    public Map<String, Long> failureReasons() {
        Map<String, Long> counts = results.stream().filter(r -> r instanceof FileResult.Failed)
                .collect(Collectors.groupingBy(r -> ((FileResult.Failed) r).reason(), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** The summary printed on stdout. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(complete ? "scanned " : "INTERRUPTED: partial results for ").append(results.size()).append(" files under ").append(root)
                .append(" with '").append(workload).append("' (").append(strategy).append(", ")
                .append(workers).append(workers == 1 ? " worker" : " workers").append(")\n");
        s.append(String.format("  ok      %6d%n", ok()));
        s.append(String.format("  failed  %6d%n", failed()));
        failureReasons().forEach((reason, n) -> s.append(String.format("    %4d × %s%n", n, reason)));
        s.append("  ").append(timing.summary()).append('\n');
        double rate = timing.realSeconds() > 0 ? results.size() / timing.realSeconds() : 0;
        s.append(String.format("  files/s %8.1f%n", rate));
        return s.toString();
    }

    /** Every result as a Tablesaw table, one row per file, failures with missing values. */
    public Table table() {
        Table table = Table.create("scan of " + root.getFileName());
        List<Column> columns = columns();
        for (Column c : columns) {
            table.addColumns(c.type().create(c.name()));
        }
        for (FileResult r : results) {
            Row row = table.appendRow();
            for (Column c : columns) {
                Object v = c.value().apply(r);
                if (v == null) {
                    row.setMissing(c.name());
                } else if (v instanceof String str) {
                    row.setString(c.name(), str);
                } else if (v instanceof Boolean b) {
                    row.setBoolean(c.name(), b);
                } else if (v instanceof Integer i) {
                    row.setInt(c.name(), i);
                } else if (v instanceof Long l) {
                    row.setLong(c.name(), l);
                } else {
                    row.setDouble(c.name(), ((Number) v).doubleValue());
                }
            }
        }
        return table;
    }

    /** Writes {@code {"summary": {...}, "results": [...]}}. */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", results.size());
        summary.put("ok", ok());
        summary.put("failed", failed());
        summary.put("real_s", timing.realSeconds());
        summary.put("user_s", timing.totalUserSeconds());
        summary.put("sys_s", timing.totalSysSeconds());
        summary.put("workload", workload);
        summary.put("strategy", strategy);
        summary.put("workers", workers);
        List<Column> columns = columns();
        List<Map<String, Object>> rows = results.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            boolean analysed = r instanceof FileResult.Ok ok && ok.analysis().isPresent();
            for (Column c : columns) {
                if (analysed || !ANALYSIS_NAMES.contains(c.name())) {
                    row.put(c.name(), c.value().apply(r));
                }
            }
            return row;
        }).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("summary", summary);
        document.put("results", rows);
        JSON.writeValue(file.toFile(), document);
    }

    /**
     * Writes the results as a CSV table (RFC 4180) with the same columns as the JSON; the analysis
     * columns only when some file was analysed. Missing values are empty cells.
     */
    public void writeCsv(Path file) throws IOException {
        boolean analysed = results.stream().anyMatch(r -> r instanceof FileResult.Ok ok && ok.analysis().isPresent());
        List<Column> columns = columns().stream().filter(c -> analysed || !ANALYSIS_NAMES.contains(c.name())).toList();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(columns.stream().map(Column::name).collect(Collectors.joining(",")));
            out.write("\r\n");
            for (FileResult r : results) {
                out.write(columns.stream().map(c -> csvCell(c.value().apply(r))).collect(Collectors.joining(",")));
                out.write("\r\n");
            }
        }
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private String relative(FileResult r) {
        return relative(root.toAbsolutePath().normalize(), r.path());
    }

    private static String relative(Path base, String path) {
        Path p = Path.of(path);
        return p.startsWith(base) ? base.relativize(p).toString() : path;
    }

    private static final List<String> ANALYSIS_NAMES = List.of("analysed_s", "rms_dbfs", "peak_dbfs", "tempo_bpm",
            "spectral_centroid_hz", "spectral_rolloff_hz");

    private static Object song(FileResult r, Function<SongData, Object> field) {
        return r instanceof FileResult.Ok ok ? field.apply(ok.song()) : null;
    }

    private static Object analysis(FileResult r, Function<Analysis, Double> field) {
        if (r instanceof FileResult.Ok ok && ok.analysis().isPresent()) {
            Double v = field.apply(ok.analysis());
            return v == null || v.isNaN() || v.isInfinite() ? null : v;
        }
        return null;
    }

    /** The output columns, in order: the JSON keys and the CSV header. */
    private List<Column> columns() {
        return List.of(
            new Column("path", ColumnType.STRING, this::relative),
            new Column("ok", ColumnType.BOOLEAN, FileResult::ok),
            new Column("error", ColumnType.STRING, r -> r instanceof FileResult.Failed f ? f.reason() : null),
            new Column("format", ColumnType.STRING, r -> song(r, SongData::format)),
            new Column("title", ColumnType.STRING, r -> song(r, SongData::title)),
            new Column("artist", ColumnType.STRING, r -> song(r, SongData::artist)),
            new Column("album", ColumnType.STRING, r -> song(r, SongData::album)),
            new Column("track", ColumnType.INTEGER, r -> song(r, SongData::track)),
            new Column("year", ColumnType.INTEGER, r -> song(r, SongData::year)),
            new Column("genre", ColumnType.STRING, r -> song(r, SongData::genre)),
            new Column("duration_s", ColumnType.DOUBLE, r -> song(r, SongData::durationSeconds)),
            new Column("sample_rate", ColumnType.INTEGER, r -> song(r, SongData::sampleRate)),
            new Column("channels", ColumnType.INTEGER, r -> song(r, SongData::channels)),
            new Column("bitrate_kbps", ColumnType.INTEGER, r -> song(r, SongData::bitrateKbps)),
            new Column("file_size", ColumnType.LONG, r -> song(r, SongData::fileSize)),
            new Column("analysed_s", ColumnType.DOUBLE, r -> analysis(r, Analysis::analysedSeconds)),
            new Column("rms_dbfs", ColumnType.DOUBLE, r -> analysis(r, Analysis::rmsDbfs)),
            new Column("peak_dbfs", ColumnType.DOUBLE, r -> analysis(r, Analysis::peakDbfs)),
            new Column("tempo_bpm", ColumnType.DOUBLE, r -> analysis(r, Analysis::tempoBpm)),
            new Column("spectral_centroid_hz", ColumnType.DOUBLE, r -> analysis(r, Analysis::spectralCentroidHz)),
            new Column("spectral_rolloff_hz", ColumnType.DOUBLE, r -> analysis(r, Analysis::spectralRolloffHz)));
    }
}
