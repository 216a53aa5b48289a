package parallellab.scan;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import parallellab.measure.Measure;
import parallellab.measure.Timeline;
import parallellab.measure.Timing;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import parallellab.work.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One timed scan and what came of it: the results, how many failed and why, and the time it took.
 *
 * <p>The command line prints it, the notebooks show it, and its {@link #table()} turns the results
 * into rows for Tablesaw. Results are sorted by path, whatever order the strategy produced them in.
 * Its {@link #timeline()} says which worker processed each file, and when, for {@code Charts.timeline}.
 */
public record ScanReport(Path root, String strategy, String workload, int workers, List<FileResult> results, Timing timing,
                         Timeline timeline) {

    public ScanReport {
        results = results.stream().sorted(Comparator.comparing(FileResult::path)).toList();
    }

    /** A report without a timeline (one made from results alone). */
    public ScanReport(Path root, String strategy, String workload, int workers, List<FileResult> results, Timing timing) {
        this(root, strategy, workload, workers, results, timing, Timeline.empty());
    }

    /** Scans {@code root} with {@code scanner} and {@code workload}, timed like the Unix {@code time}. */
    public static ScanReport run(Path root, LibraryScanner scanner, Workload workload, int workers, ScanListener listener) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        java.util.concurrent.atomic.DoubleAdder remoteCpu = new java.util.concurrent.atomic.DoubleAdder();
        Timeline.Recorder spans = Timeline.recording();
        ScanListener ours = ScanListener.both(ScanListener.countingRemoteCpu(remoteCpu), ScanListener.recording(spans));
        Measure.Measured<List<FileResult>> measured = Measure.time(() -> scanner.scan(root, workload, ScanListener.both(listener, ours)));
        return new ScanReport(root, scanner.name(), workload.name(), workers, measured.value(),
                measured.timing().withRemoteCpu(remoteCpu.sum()), spans.timeline());
    }

    public int files() {
        return results.size();
    }

    public int ok() {
        return (int) results.stream().filter(FileResult::ok).count();
    }

    public int failed() {
        return files() - ok();
    }

    public double filesPerSecond() {
        return timing.realSeconds() > 0 ? files() / timing.realSeconds() : 0;
    }

    /** Failure reasons with how often each occurred, the most frequent first. */
    public Map<String, Long> failureReasons() {
        Map<String, Long> counts = new TreeMap<>();
        for (FileResult r : results) {
            if (r instanceof FileResult.Failed f) {
                counts.merge(f.reason(), 1L, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The path of a result relative to the scanned folder, with forward slashes. */
    public String relative(FileResult result) {
        Path path = Path.of(result.path());
        Path base = root.toAbsolutePath();
        String rel = path.startsWith(base) ? base.relativize(path).toString() : path.toString();
        return rel.replace('\\', '/');
    }

    /** The failed files and their reasons. */
    public Table failures() {
        List<FileResult.Failed> failed = results.stream()
                .filter(r -> r instanceof FileResult.Failed).map(r -> (FileResult.Failed) r).toList();
        return Table.create("failures",
                StringColumn.create("path", failed.stream().map(this::relative).toList()),
                StringColumn.create("reason", failed.stream().map(FileResult.Failed::reason).toList()));
    }

    /** One row per file: the path, ok, the error, every SongData field and, for analyze, the analysis. */
    public Table table() {
        Table t = Table.create(strategy + " " + workload,
                StringColumn.create("path", results.stream().map(this::relative).toList()),
                BooleanColumn.create("ok", results.stream().map(FileResult::ok).toList()),
                StringColumn.create("error", results.stream().map(r -> r instanceof FileResult.Failed f ? f.reason() : "").toList()));
        t.addColumns(
                text("format", SongData::format), text("title", SongData::title), text("artist", SongData::artist),
                text("album", SongData::album), integer("track", SongData::track), integer("year", SongData::year),
                text("genre", SongData::genre), decimal("duration_s", SongData::durationSeconds),
                integer("sample_rate", SongData::sampleRate), integer("channels", SongData::channels),
                integer("bitrate_kbps", SongData::bitrateKbps),
                DoubleColumn.create("file_size", results.stream().mapToDouble(r -> song(r) == null ? Double.NaN : song(r).fileSize())));
        if (results.stream().anyMatch(r -> r instanceof FileResult.Ok ok && ok.analysis().isPresent())) {
            t.addColumns(analysis("rms_dbfs", Analysis::rmsDbfs), analysis("peak_dbfs", Analysis::peakDbfs),
                    analysis("tempo_bpm", Analysis::tempoBpm), analysis("centroid_hz", Analysis::spectralCentroidHz),
                    analysis("rolloff_hz", Analysis::spectralRolloffHz));
        }
        return t;
    }

    private static SongData song(FileResult r) {
        return r instanceof FileResult.Ok ok ? ok.song() : null;
    }

    private StringColumn text(String name, Function<SongData, String> field) {
        return StringColumn.create(name, results.stream().map(r -> song(r) == null ? "" : field.apply(song(r))).toList());
    }

    private IntColumn integer(String name, ToIntFunction<SongData> field) {
        IntColumn c = IntColumn.create(name);
        results.forEach(r -> {
            if (song(r) == null) {
                c.appendMissing();
            } else {
                c.append(field.applyAsInt(song(r)));
            }
        });
        return c;
    }

    private DoubleColumn decimal(String name, ToDoubleFunction<SongData> field) {
        return DoubleColumn.create(name, results.stream().mapToDouble(r -> song(r) == null ? Double.NaN : field.applyAsDouble(song(r))));
    }

    private DoubleColumn analysis(String name, ToDoubleFunction<Analysis> field) {
        return DoubleColumn.create(name, results.stream().mapToDouble(r ->
                r instanceof FileResult.Ok ok && ok.analysis().isPresent() ? field.applyAsDouble(ok.analysis()) : Double.NaN));
    }

    /** The summary a learner reads first: what was scanned, how it went, how long it took. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s scan (%s) with %d %s: %d files, %d ok, %d failed%n",
                workload, strategy, workers, workers == 1 ? "worker" : "workers", files(), ok(), failed()));
        failureReasons().forEach((reason, n) -> s.append(String.format(Locale.ROOT, "  %3d × %s%n", n, reason)));
        s.append(String.format(Locale.ROOT, "%s  (%.0f files/s)", timing.summary(), filesPerSecond()));
        return s.toString();
    }
}
