package parallellab.lessons;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import parallellab.kit.KitLayout;
import parallellab.kit.Rows;
import parallellab.measure.PeakRss;
import parallellab.scan.LibraryScanner;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.Strategies;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Small conveniences for the lesson notebooks: where the kit is, what this machine has, a shell
 * command run from a cell, the source of a class shown beside its lesson, and the processes this
 * JVM has started.
 *
 * <p>None of it is a lesson in itself; it keeps the notebook cells to one or two lines.
 */
public final class Lab {

    private Lab() {}

    /** The project's top folder: the one holding {@code lab} and {@code data/} (see {@link KitLayout#root()}). */
    public static Path home() {
        return KitLayout.root();
    }

    /** The bundled sample library, {@code data/library}. */
    public static Path library() {
        return home().resolve("data").resolve("library");
    }

    /** Scans {@code library} with a workload and a strategy, timed: {@code Lab.scan(library, "tags", "queue-threads", 2)}. */
    public static ScanReport scan(Path library, String workload, String strategy, int workers) throws InterruptedException {
        return scan(library, Workloads.named(workload), strategy, workers);
    }

    /** The same, for {@code analyze} with only the first {@code seconds} of each track analysed. */
    public static ScanReport scan(Path library, String workload, String strategy, int workers, double seconds) throws InterruptedException {
        return scan(library, Workloads.named(workload, seconds), strategy, workers);
    }

    /** Scans with any workload object, for example {@code TagsWorkload.jaudiotaggerAsIs()}. */
    public static ScanReport scan(Path library, Workload workload, String strategy, int workers) throws InterruptedException {
        LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(workers));
        return ScanReport.run(library, scanner, workload, workers, ScanListener.NONE);
    }

    /** The ground truth of the sample library, {@code data/manifest.csv}, as a table. */
    public static Table manifest() {
        return Table.read().csv(CsvReadOptions.builder(home().resolve("data").resolve("manifest.csv").toFile())
                .tableName("manifest").build());
    }

    /**
     * The sample library at a glance, one row per format from the manifest: how many files, how many
     * should read fine, fail (empty, truncated) or be skipped (not audio, folders), and the minutes of
     * audio in them.
     */
    public static Table librarySummary() {
        Table manifest = manifest();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        for (Row row : manifest) {
            String format = row.getString("format");
            String expected = row.getString("expected");
            int[] c = counts.computeIfAbsent(format, f -> new int[4]);
            c[0]++;
            c[expected.equals("ok") ? 1 : expected.startsWith("fail") ? 2 : 3]++;
            double d = row.getDouble("duration_s");
            seconds.merge(format, Double.isNaN(d) ? 0 : d, Double::sum);
        }
        List<FormatCount> rows = new ArrayList<>();
        counts.forEach((f, c) -> rows.add(new FormatCount(f, c[0], c[1], c[2], c[3], Math.round(seconds.get(f) / 6.0) / 10.0)));
        return Rows.toTable("the sample library by format", FormatCount.class, rows);
    }

    /** One format's line of {@link #librarySummary()}. */
    private record FormatCount(String format, int files, @Rows.Heading("should read") int shouldRead,
                               @Rows.Heading("should fail") int shouldFail, int skipped, @Rows.Heading("audio (min)") double minutes) {}

    /**
     * A smaller library to experiment with: links to {@code count} audio files of {@code library}
     * (of one format, or all when {@code format} is empty), spread evenly, in a fresh temporary folder.
     */
    public static Path sample(Path library, String format, int count) {
        List<Path> files = LibraryWalker.audioFiles(library).stream()
                .filter(f -> format.isEmpty() || f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + format))
                .toList();
        try {
            Path dir = Files.createTempDirectory("parallel-lab-sample-");
            dir.toFile().deleteOnExit();
            int n = Math.min(count, files.size());
            for (int i = 0; i < n; i++) {
                Path file = files.get((int) ((long) i * files.size() / n));
                Path link = dir.resolve(String.format(Locale.ROOT, "%03d %s", i, file.getFileName()));
                Files.createSymbolicLink(link, file.toAbsolutePath());
                link.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a sample library: " + e.getMessage(), e);
        }
    }

    /** What this machine brings to the lessons: the JDK, the cores, the memory, the library, the tools. */
    public static Table environment() {
        Runtime rt = Runtime.getRuntime();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("JDK", System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"));
        checks.add(new Check("cores the JVM sees", String.valueOf(rt.availableProcessors())));
        checks.add(new Check("max heap", String.format(Locale.ROOT, "%.1f GiB", rt.maxMemory() / (1024.0 * 1024 * 1024))));
        checks.add(new Check("operating system", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        try {
            Path library = library();
            checks.add(new Check("sample library", library + " (" + LibraryWalker.audioFiles(library).size() + " audio files)"));
        } catch (RuntimeException e) {
            checks.add(new Check("sample library", "not found: " + e.getMessage()));
        }
        checks.add(new Check("ffprobe (external workload)", onPath("ffprobe").map(Path::toString).orElse("missing: install ffmpeg")));
        checks.add(new Check("JVM uptime", String.format(Locale.ROOT, "%.1f s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)));
        return Rows.toTable("environment", Check.class, checks);
    }

    /** One line of {@link #environment()}. */
    private record Check(String check, String value) {}

    /** The program {@code name} on the PATH, if there is one. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a bash command from the project's top folder and prints what it prints, as it prints it
     * (stderr merged, so the shell's {@code time} shows). Stops the command if the cell is
     * interrupted. Returns the exit code.
     */
    public static int sh(String command) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(home().toFile()).redirectErrorStream(true);
        // bash's own default, spelled out so that a TIMEFORMAT in the kernel's environment can't change it.
        builder.environment().put("TIMEFORMAT", "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run bash: " + e.getMessage(), e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println(line);
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** The source of a lib class as Markdown, to read beside the lesson: {@code Lab.source(QueueThreadScanner.class)}. */
    public static Markdown source(Class<?> type) {
        return source(type.getName());
    }

    /**
     * The source of any kit class by its name, package-private ones included (their {@code Class}
     * cannot be named in a cell): {@code Lab.source("parallellab.pool.Sendable")}. A nested class
     * shows its top-level class's file.
     */
    public static Markdown source(String className) {
        String topLevel = className.replaceAll("\\$.*", "");
        Path file = home().resolve("lib/src/main/java").resolve(topLevel.replace('.', '/') + ".java");
        try {
            return new Markdown("```java\n" + Files.readString(file) + "\n```");
        } catch (IOException e) {
            throw new UncheckedIOException("no source for " + className + " at " + file
                    + ": give a kit class's full name, for example parallellab.pool.Sendable", e);
        }
    }

    /** The processes this JVM has started and that are still alive: worker JVMs, ffprobe, shells. */
    public static Table childProcesses() {
        List<ProcessHandle> children = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .sorted(Comparator.comparingLong(ProcessHandle::pid))
                .toList();
        Function<ProcessHandle, String> command = p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?")
                + p.info().arguments().map(a -> " " + shorten(String.join(" ", a))).orElse("");
        return Table.create("child processes",
                LongColumn.create("pid", children.stream().mapToLong(ProcessHandle::pid).toArray()),
                LongColumn.create("parent", children.stream().mapToLong(p -> p.parent().map(ProcessHandle::pid).orElse(0L)).toArray()),
                StringColumn.create("command", children.stream().map(command).collect(Collectors.toList())),
                DoubleColumn.create("rss_mb", children.stream().mapToDouble(p -> rssMb(p.pid())).toArray()));
    }

    /** How many processes this JVM has started that are still alive. */
    public static int childProcessCount() {
        return (int) ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }

    private static String shorten(String args) {
        String main = args.replaceAll(".*?(\\S+\\.[A-Z]\\w+)(\\s.*)?$", "$1$2");
        return main.length() > 80 ? main.substring(0, 77) + "..." : main;
    }

    /** Resident memory of a process in MiB, from /proc (0 where /proc is not there). */
    public static double rssMb(long pid) {
        return PeakRss.currentMib(pid);
    }
}
