package parallellab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import parallellab.measure.Timing;
import parallellab.scan.ScanReport;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;

/**
 * How {@code ./lab scan} shows a {@link ScanReport}: a summary for a person on stdout, JSON for a
 * program, CSV for a spreadsheet. The notebooks use the report's own {@code toString()} and
 * {@code table()}; this class holds only what the command line adds.
 *
 * <p>Paths are written relative to the library folder, sorted, so two runs with different strategies
 * print the same rows in the same order and can be diffed. Missing values stay missing (JSON null,
 * an empty CSV cell) rather than becoming empty strings or NaN.
 *
 * @param report   the scan
 * @param complete false when the scan was interrupted and the report holds what finished
 */
record ScanOutput(ScanReport report, boolean complete) {

    /** One output column: its name and how to get it from a result (null when the file has none). */
    private record Column(String name, Function<FileResult, Object> value) {}

    /** Jackson is some 400 classes: loaded when --json asks for it, not at every scan's start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static final List<String> ANALYSIS_NAMES = List.of("analysed_s", "rms_dbfs", "peak_dbfs", "tempo_bpm",
            "spectral_centroid_hz", "spectral_rolloff_hz");

    /** The summary printed on stdout. */
    String summary() {
        Timing timing = report.timing();
        StringBuilder s = new StringBuilder();
        s.append(complete ? "scanned " : "INTERRUPTED: partial results for ").append(report.files()).append(" files under ").append(report.root())
                .append(" with '").append(report.workload()).append("' (").append(report.strategy()).append(", ")
                .append(report.workers()).append(report.workers() == 1 ? " worker" : " workers").append(")\n");
        s.append(String.format(Locale.ROOT, "  ok      %6d%n", report.ok()));
        s.append(String.format(Locale.ROOT, "  failed  %6d%n", report.failed()));
        report.failureReasons().forEach((reason, n) -> s.append(String.format(Locale.ROOT, "    %4d × %s%n", n, reason)));
        s.append("  ").append(timing.summary()).append('\n');
        jitSeconds().ifPresent(jit -> s.append(String.format(Locale.ROOT, "  jit: %.1f s compiling (this JVM's compiler threads since it started, summed)%n", jit)));
        if (timing.remoteCpuSeconds() > 0) {
            // A cluster: the work ran in executors this JVM's clock cannot see; they reported their CPU time.
            s.append(String.format(Locale.ROOT, "  cpu     driver %.3fs + executors %.3fs%n", timing.ownCpuSeconds(), timing.workerCpuSeconds()));
        }
        s.append(String.format(Locale.ROOT, "  files/s %8.1f%n", report.filesPerSecond()));
        return s.toString();
    }

    /**
     * The time this JVM's JIT compilers have spent so far ({@link CompilationMXBean}), empty where the
     * JVM does not keep it. In a short, fresh run it is a large share of the CPU time: the code is
     * compiled while it runs, and that CPU is not spent on the files. It is the compilations' elapsed
     * time, summed over the compiler threads: on a busy machine it counts waits and can exceed user.
     */
    static Optional<Double> jitSeconds() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? Optional.of(jit.getTotalCompilationTime() / 1e3) : Optional.empty();
    }

    /** Writes {@code {"summary": {...}, "results": [...]}}. */
    void writeJson(Path file) throws IOException {
        Timing timing = report.timing();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", report.files());
        summary.put("ok", report.ok());
        summary.put("failed", report.failed());
        summary.put("real_s", timing.realSeconds());
        summary.put("user_s", timing.totalUserSeconds());
        summary.put("sys_s", timing.totalSysSeconds());
        summary.put("driver_cpu_s", timing.ownCpuSeconds());
        summary.put("executor_cpu_s", timing.workerCpuSeconds());
        summary.put("workload", report.workload());
        summary.put("strategy", report.strategy());
        summary.put("workers", report.workers());
        List<Column> columns = columns();
        List<Map<String, Object>> rows = report.results().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column c : columns) {
                if (analysed(r) || !ANALYSIS_NAMES.contains(c.name())) {
                    row.put(c.name(), c.value().apply(r));
                }
            }
            return row;
        }).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("summary", summary);
        document.put("results", rows);
        Json.MAPPER.writeValue(file.toFile(), document);
    }

    /**
     * Writes the results as a CSV table (RFC 4180) with the same columns as the JSON; the analysis
     * columns only when some file was analysed. Missing values are empty cells.
     */
    void writeCsv(Path file) throws IOException {
        boolean anyAnalysed = report.results().stream().anyMatch(ScanOutput::analysed);
        List<Column> columns = columns().stream().filter(c -> anyAnalysed || !ANALYSIS_NAMES.contains(c.name())).toList();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(columns.stream().map(Column::name).collect(Collectors.joining(",")));
            out.write("\r\n");
            for (FileResult r : report.results()) {
                out.write(columns.stream().map(c -> csvCell(c.value().apply(r))).collect(Collectors.joining(",")));
                out.write("\r\n");
            }
        }
    }

    private static boolean analysed(FileResult r) {
        return r instanceof FileResult.Ok ok && ok.analysis().isPresent();
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static Object song(FileResult r, Function<SongData, Object> field) {
        return r instanceof FileResult.Ok ok ? field.apply(ok.song()) : null;
    }

    private static Object analysis(FileResult r, Function<Analysis, Double> field) {
        if (analysed(r)) {
            Double v = field.apply(((FileResult.Ok) r).analysis());
            return v == null || v.isNaN() || v.isInfinite() ? null : v;
        }
        return null;
    }

    /** The output columns, in order: the JSON keys and the CSV header. */
    private List<Column> columns() {
        return List.of(
            new Column("path", report::relative),
            new Column("ok", FileResult::ok),
            new Column("error", r -> r instanceof FileResult.Failed f ? f.reason() : null),
            new Column("format", r -> song(r, SongData::format)),
            new Column("title", r -> song(r, SongData::title)),
            new Column("artist", r -> song(r, SongData::artist)),
            new Column("album", r -> song(r, SongData::album)),
            new Column("track", r -> song(r, SongData::track)),
            new Column("year", r -> song(r, SongData::year)),
            new Column("genre", r -> song(r, SongData::genre)),
            new Column("duration_s", r -> song(r, SongData::durationSeconds)),
            new Column("sample_rate", r -> song(r, SongData::sampleRate)),
            new Column("channels", r -> song(r, SongData::channels)),
            new Column("bitrate_kbps", r -> song(r, SongData::bitrateKbps)),
            new Column("file_size", r -> song(r, SongData::fileSize)),
            new Column("analysed_s", r -> analysis(r, Analysis::analysedSeconds)),
            new Column("rms_dbfs", r -> analysis(r, Analysis::rmsDbfs)),
            new Column("peak_dbfs", r -> analysis(r, Analysis::peakDbfs)),
            new Column("tempo_bpm", r -> analysis(r, Analysis::tempoBpm)),
            new Column("spectral_centroid_hz", r -> analysis(r, Analysis::spectralCentroidHz)),
            new Column("spectral_rolloff_hz", r -> analysis(r, Analysis::spectralRolloffHz)));
    }
}
