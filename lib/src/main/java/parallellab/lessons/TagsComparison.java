package parallellab.lessons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import parallellab.kit.Rows;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanReport;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The end of the profiling lesson's loop: the same files read by jaudiotagger as shipped, by our
 * tuned reader, and by Python's mutagen, in milliseconds per file for each format.
 *
 * <p>All three are timed in CPU time (user + sys) of the thread or process that reads, not wall-clock
 * time: on a shared machine the wall clock also counts the time other programs held the core, and
 * CPU time keeps the system calls, which are the whole story of the as-is Ogg reader. Each reader
 * gets one untimed pass first (class loading, JIT, the page cache), then the median of the timed
 * passes. mutagen runs in a child process ({@code tools/mutagen_bench.py --clock cpu}) with the
 * project's {@code .venv} Python, or {@code python3} from the PATH; when neither has mutagen its
 * column is empty and the table's name says why.
 *
 * <pre>{@code
 * TagsComparison.run(Lab.sample(library, "", 80), 3)   // format | files | as_is_ms | tuned_ms | mutagen_ms | ...
 * TagsComparison.beforeAfter(asIsScan, tunedScan)      // the same files scanned both ways, as time shows them
 * }</pre>
 */
public final class TagsComparison {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long MUTAGEN_TIMEOUT_SECONDS = 300;

    private TagsComparison() {}

    /** Reads every audio file of {@code library} with the three readers, {@code passes} timed passes each. */
    public static Table run(Path library, int passes) throws InterruptedException {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1 (got " + passes + ")");
        }
        LibraryWalker.requireLibraryFolder(library);
        Map<String, List<Path>> byFormat = filesByFormat(library);
        TagsWorkload asIs = TagsWorkload.jaudiotaggerAsIs();
        TagsWorkload tuned = new TagsWorkload();
        Map<String, double[][]> javaMs = new TreeMap<>();
        for (Map.Entry<String, List<Path>> e : byFormat.entrySet()) {
            cpuMsPerFile(asIs, e.getValue()); // untimed: class loading, JIT, page cache
            cpuMsPerFile(tuned, e.getValue());
            double[][] ms = new double[2][passes];
            for (int pass = 0; pass < passes; pass++) { // interleaved, so a busy spell hits both alike
                ms[0][pass] = cpuMsPerFile(asIs, e.getValue());
                ms[1][pass] = cpuMsPerFile(tuned, e.getValue());
            }
            javaMs.put(e.getKey(), ms);
        }
        Mutagen mutagen = mutagen(library, passes);

        List<Readers> rows = new ArrayList<>();
        javaMs.forEach((f, ms) -> {
            double before = median(ms[0]);
            double after = median(ms[1]);
            double python = mutagen.msPerFile().getOrDefault(f, Double.NaN);
            rows.add(new Readers(f, byFormat.get(f).size(), before, after, python, before / after, after / python));
        });
        Table table = Rows.toTable("ms per file, CPU time, median of " + passes + " warm passes; " + mutagen.source(), Readers.class, rows);
        for (String ms : List.of("as_is_ms", "tuned_ms", "mutagen_ms")) {
            table.doubleColumn(ms).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        }
        for (String ratio : List.of("as_is/tuned", "tuned/mutagen")) {
            table.doubleColumn(ratio).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        }
        return table;
    }

    /** One format's line of {@link #run}: the three readers' CPU time per file, and their ratios. */
    private record Readers(String format, int files, double asIsMs, double tunedMs, double mutagenMs,
                           @Rows.Heading("as_is/tuned") double speedup, @Rows.Heading("tuned/mutagen") double versusMutagen) {}

    /**
     * Two scans of the same files, with jaudiotagger as-is and with the tuned reader, side by side as
     * {@code time} shows them: real, user and sys seconds, sys/user, and milliseconds per file.
     */
    public static Table beforeAfter(ScanReport asIs, ScanReport tuned) {
        List<ScanReport> scans = List.of(asIs, tuned);
        Table table = Table.create("the same " + asIs.files() + " files, before and after",
                StringColumn.create("reader", "jaudiotagger as-is", "tuned"),
                IntColumn.create("files", scans.stream().mapToInt(ScanReport::files).toArray()),
                DoubleColumn.create("real_s", scans.stream().mapToDouble(r -> r.timing().realSeconds())),
                DoubleColumn.create("user_s", scans.stream().mapToDouble(r -> r.timing().totalUserSeconds())),
                DoubleColumn.create("sys_s", scans.stream().mapToDouble(r -> r.timing().totalSysSeconds())),
                DoubleColumn.create("sys/user", scans.stream().mapToDouble(r -> r.timing().totalSysSeconds() / r.timing().totalUserSeconds())),
                DoubleColumn.create("ms_per_file", scans.stream().mapToDouble(r -> 1000 * r.timing().realSeconds() / Math.max(1, r.files()))));
        for (String column : List.of("real_s", "user_s", "sys_s")) {
            table.doubleColumn(column).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        }
        table.doubleColumn("sys/user").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        table.doubleColumn("ms_per_file").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return table;
    }

    /** The files the tuned reader reads, by their real format (sniffed, as mutagen_bench.py does). */
    private static Map<String, List<Path>> filesByFormat(Path library) {
        Map<String, List<Path>> byFormat = new TreeMap<>();
        TagsWorkload tuned = new TagsWorkload();
        for (Path file : LibraryWalker.audioFiles(library)) {
            if (tuned.process(file) instanceof FileResult.Ok ok) {
                byFormat.computeIfAbsent(ok.song().format(), f -> new ArrayList<>()).add(file);
            }
        }
        return byFormat;
    }

    /** CPU time of this thread per file: user and sys, which is where one-byte reads show. */
    private static double cpuMsPerFile(Workload workload, List<Path> files) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (Path file : files) {
            workload.process(file);
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / files.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** mutagen's figures by format, and where they came from (or why there are none). */
    private record Mutagen(Map<String, Double> msPerFile, String source) {}

    private static Mutagen mutagen(Path library, int passes) throws InterruptedException {
        Path home;
        try {
            home = Lab.home();
        } catch (IllegalStateException noKit) {
            return new Mutagen(Map.of(), "mutagen not run: " + noKit.getMessage());
        }
        Path script = home.resolve("tools").resolve("mutagen_bench.py");
        Optional<Path> python = Optional.of(home.resolve(".venv/bin/python")).filter(Files::isExecutable).or(() -> Lab.onPath("python3"));
        if (python.isEmpty() || !Files.isRegularFile(script)) {
            return new Mutagen(Map.of(), "mutagen not run: no Python (run ./lab setup)");
        }
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("parallel-lab-mutagen-", ".json");
            err = Files.createTempFile("parallel-lab-mutagen-", ".txt");
            process = new ProcessBuilder(python.get().toString(), script.toString(), library.toAbsolutePath().toString(),
                    "--json", "--clock", "cpu", "-n", String.valueOf(passes))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(MUTAGEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return new Mutagen(Map.of(), "mutagen not run: no answer in " + MUTAGEN_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + process.exitValue());
                return new Mutagen(Map.of(), "mutagen not run: " + why);
            }
            JsonNode doc = new ObjectMapper().readTree(out.toFile());
            Map<String, Double> ms = new TreeMap<>();
            doc.path("formats").properties().forEach(e -> ms.put(e.getKey(), e.getValue().path("ms_per_file").asDouble()));
            return new Mutagen(ms, "mutagen " + doc.at("/meta/mutagen").asText() + " on Python " + doc.at("/meta/python").asText());
        } catch (IOException e) {
            return new Mutagen(Map.of(), "mutagen not run: " + e.getMessage());
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left in /tmp is harmless
        }
    }
}
