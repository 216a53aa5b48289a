package parallellab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import parallellab.measure.Measure;
import parallellab.measure.Timing;
import parallellab.profile.Mode;
import parallellab.profile.Profile;
import parallellab.profile.Profiler;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanReport;
import parallellab.scan.LibraryScanner;
import parallellab.scan.Strategies;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.ExternalWorkload;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.TagReading;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;
import parallellab.work.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code ./lab scan DIR}: scans a library once with one workload and one strategy, and says how long
 * it took the way {@code time} does. Meant to be run under {@code time} too, to compare the two.
 *
 * <p>Everything a user can get wrong is checked before the clock starts (the folder, the options,
 * the output files, ffprobe), so a mistake costs one line and no waiting.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan an audio library: read every file with a workload, using a strategy, and time it.",
        footer = {"", "Examples:", "  time ./lab scan data/library --workload analyze",
            "  ./lab scan data/library --workload tags --reader as-is   (jaudiotagger untouched: watch sys time)",
            "  ./lab scan data/library --workload external --json out.json",
            "  ./lab scan data/library --workload analyze --profile cpu --profile-out prof   (flame graph: prof/flame.html)"})
public final class ScanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The library folder to scan.")
    private Path dir;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "tags",
            description = "tags (read tags and header), analyze (decode and analyse), external (run ffprobe). Default: ${DEFAULT-VALUE}.")
    private String workload;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "sequential",
            description = "How files are handed out: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = StrategyNames.class)
    private String strategy;

    @Option(names = "--workers", paramLabel = "N", description = "Threads or processes (default: the number of cores; 1 for sequential).")
    private Integer workers;

    @Option(names = "--gil", description = "Turn the simulated Global Interpreter Lock on.")
    private boolean gil;

    @Option(names = "--chunksize", paramLabel = "K", defaultValue = "0",
            description = "Files per task for the process pool (0: as CPython chooses).")
    private int chunksize;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --strategy spark, for example spark://host:7077 (default: local[N], N = --workers).")
    private String master;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "" + AnalyzeWorkload.DEFAULT_SECONDS,
            description = "Seconds of each file to analyse (analyze only). Default: ${DEFAULT-VALUE}.")
    private double seconds;

    @Option(names = "--reader", paramLabel = "tuned|as-is", defaultValue = "tuned",
            description = "Tag reader (tags only): our tuned reader, or jaudiotagger as-is. Default: ${DEFAULT-VALUE}.")
    private String reader;

    @Option(names = "--program", paramLabel = "ffprobe|sox", defaultValue = "ffprobe",
            description = "Program run by the external workload. Default: ${DEFAULT-VALUE}.")
    private String program;

    @Option(names = "--file-timeout", paramLabel = "S",
            description = "Give up on a file after S seconds (default: 10, plus twice --seconds for analyze; 0: no limit).")
    private Double fileTimeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary and every result as JSON.")
    private Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every result as a CSV table.")
    private Path csv;

    @Option(names = "--profile", paramLabel = "cpu|wall",
            description = "Profile the scan: cpu (threads running) or wall (running or waiting). Writes a flame graph and a table of methods.")
    private Mode profile;

    @Option(names = "--profile-out", paramLabel = "DIR", description = "Where --profile writes flame.html, profile.csv and collapsed.txt (default: profile).")
    private Path profileOut;

    /** How many methods of the cumulative table to print after the summary. */
    private static final int PROFILE_ROWS = 12;

    /** The strategy names for the help text. */
    static final class StrategyNames extends ArrayList<String> {
        StrategyNames() {
            super(Strategies.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workerCount = workers != null ? workers : strategy.equals("sequential") ? 1 : Runtime.getRuntime().availableProcessors();
        ScanOptions options = new ScanOptions(workerCount, gil, chunksize);
        Workload work = budgeted(workload());
        if (master != null && Strategies.all().contains(strategy)) {
            throw new IllegalArgumentException("--master is for --strategy spark (got --strategy " + strategy + ")");
        }
        LibraryScanner scanner = Strategies.create(strategy, options, master);
        LibraryWalker.requireLibraryFolder(dir);
        checkWritable(json, "--json");
        checkWritable(csv, "--csv");
        Path profileDir = profileFolder();

        LibraryWalker walker = new LibraryWalker();
        List<Path> files = walker.list(dir);
        walker.warnings().forEach(w -> err.println("warning: " + w));
        if (files.isEmpty()) {
            err.println("error: no audio files under " + dir + " (looked for " + String.join(", ", LibraryWalker.AUDIO_EXTENSIONS.stream().sorted().toList()) + ")");
            return 1;
        }

        // Ctrl-C makes the JVM run its shutdown hooks: ours interrupts this thread, so the scanner
        // stops its workers, then waits briefly for the partial summary to be printed.
        Thread scanning = Thread.currentThread();
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            scanning.interrupt();
            try {
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scan-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            Profiled scan = scanAndTime(scanner, work, workerCount, err);
            ScanOutput output = scan.output();
            out.print(output.summary());
            if (work instanceof FileBudget budget && budget.abandoned() > 0) {
                out.println(budget.summaryLine());
            }
            if (scan.profile() != null) {
                showProfile(scan.profile(), profileDir, out);
            }
            out.flush();
            if (json != null) {
                output.writeJson(json);
            }
            if (csv != null) {
                output.writeCsv(csv);
            }
            if (!output.complete()) {
                return 130;
            }
            return output.report().ok() > 0 ? 0 : 1;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting after Ctrl-C; the hook is running and lets go once we return.
            }
        }
    }

    private Workload workload() {
        if (!Workloads.names().contains(workload)) {
            throw new IllegalArgumentException("unknown workload '" + workload + "' (choose one of " + String.join(", ", Workloads.names()) + ")");
        }
        if (seconds <= 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("--seconds must be more than 0 (got " + seconds + ")");
        }
        return switch (workload) {
            case "tags" -> new TagsWorkload(switch (reader) {
                case "tuned" -> TagReading.TUNED;
                case "as-is" -> TagReading.JAUDIOTAGGER_AS_IS;
                default -> throw new IllegalArgumentException("unknown --reader '" + reader + "' (choose tuned or as-is)");
            });
            case "external" -> {
                ExternalWorkload external = new ExternalWorkload(program);
                external.checkAvailable();
                yield external;
            }
            default -> Workloads.named(workload, seconds);
        };
    }

    /** The workload with its per-file time budget ({@code --file-timeout}), or as it is with 0. */
    private Workload budgeted(Workload plain) {
        if (fileTimeout == null) {
            return plain.withDefaultBudget();
        }
        if (!(fileTimeout >= 0) || Double.isInfinite(fileTimeout)) {
            throw new IllegalArgumentException("--file-timeout must be 0 or more seconds (got " + fileTimeout + ")");
        }
        return fileTimeout == 0 ? plain : plain.withBudget(Duration.ofMillis(Math.max(1, Math.round(fileTimeout * 1000))));
    }

    /** Fails now, not after the scan, when an output file cannot be written. */
    private static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder, not a file");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": no such folder " + parent);
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write there (permission denied)");
        }
    }

    /** {@code --profile-out} checked before the scan: a folder we can create or write into. */
    private Path profileFolder() {
        if (profile == null) {
            if (profileOut != null) {
                throw new IllegalArgumentException("--profile-out needs --profile cpu or --profile wall");
            }
            return null;
        }
        Path folder = profileOut != null ? profileOut : Path.of("profile");
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--profile-out " + folder + " is a file, not a folder");
        }
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IllegalArgumentException("--profile-out " + folder + ": cannot write there (permission denied)");
        }
        return folder;
    }

    /** Prints the top of the cumulative table, the cProfile view, and saves the whole profile. */
    private static void showProfile(Profile p, Path folder, PrintWriter out) {
        p.save(folder);
        Table top = p.top(PROFILE_ROWS);
        out.println();
        out.println(p.summary() + "; the top methods by total (cumulative) samples:");
        out.println(top.printAll());
        if (p.flameGraphHtml().isEmpty()) {
            out.println("no samples: the scan was too short to profile (try a bigger library or the analyze workload)");
        } else {
            out.println("wrote the flame graph to " + folder.resolve("flame.html") + " (open it in a browser)");
        }
        out.println("wrote the table to " + folder.resolve("profile.csv") + " and the stacks to " + folder.resolve("collapsed.txt"));
    }

    /** A scan's output and, with {@code --profile}, its profile (null otherwise). */
    private record Profiled(ScanOutput output, Profile profile) {}

    /** Runs the scan under {@link Measure#time}; after an interrupt, reports the files that finished. */
    private Profiled scanAndTime(LibraryScanner scanner, Workload work, int workerCount, PrintWriter err) throws Exception {
        List<FileResult> finished = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.DoubleAdder remoteCpu = new java.util.concurrent.atomic.DoubleAdder();
        ScanListener collect = new ScanListener() {
            @Override
            public void finished(FileResult result) {
                finished.add(result);
            }

            @Override
            public void remoteCpu(double seconds) {
                remoteCpu.add(seconds);
            }
        };
        long start = System.nanoTime();
        try (ProgressBarListener progress = Boolean.getBoolean("parallellab.tty") ? new ProgressBarListener("scan", new PrintStream(System.err, true)) : null) {
            ScanListener listener = progress == null ? collect : ScanListener.both(collect, progress);
            if (profile != null && strategy.equals("process-pool")) {
                err.println("note: --profile sees this JVM only, not the pool's worker processes");
            }
            Measure.Measured<List<FileResult>> measured;
            Profile profiled = null;
            if (profile == null) {
                measured = Measure.time(() -> scanner.scan(dir, work, listener));
            } else {
                // The profiler wraps the timed scan, so its own start and stop are not in the timing.
                var run = Profiler.profile(profile, () -> Measure.time(() -> scanner.scan(dir, work, listener)));
                measured = run.value();
                profiled = run.profile();
            }
            ScanReport report = new ScanReport(dir, scanner.name(), work.name(), workerCount, measured.value(),
                    measured.timing().withRemoteCpu(remoteCpu.sum()));
            return new Profiled(new ScanOutput(report, true), profiled);
        } catch (InterruptedException e) {
            double real = (System.nanoTime() - start) / 1e9;
            err.println("interrupted: stopping the scan");
            List<FileResult> partial;
            synchronized (finished) {
                partial = List.copyOf(finished);
            }
            ScanReport report = new ScanReport(dir, scanner.name(), work.name(), workerCount, partial, new Timing(real, 0, 0, 0, 0, 0, 0));
            return new Profiled(new ScanOutput(report, false), null);
        }
    }
}
