package parallellab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import parallellab.bench.Bench;
import parallellab.plot.Charts;
import parallellab.scan.LibraryWalker;
import parallellab.work.AnalyzeWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code lab bench}: runs a sweep of strategies × workers × workloads, prints one line per run and the
 * summary, and writes the runs as CSV (one row per run) and optionally the charts (PNG and SVG).
 * {@code --gil both} runs every configuration with and without the simulated GIL, side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time every strategy at several worker counts and write the runs as CSV (and charts).",
        footer = {"", "Examples:", "  ./lab bench --strategies sequential,executor --workloads analyze --seconds 2",
            "  ./lab bench --strategies queue-threads --workers 1,2 --gil both --charts c/"})
public final class BenchCommand implements Callable<Integer> {

    /** The simulated GIL: on, off, or both (each configuration run without it and with it). */
    enum GilSetting {
        on(true), off(false), both(false, true);

        final boolean[] values;

        GilSetting(boolean... values) {
            this.values = values;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--library", paramLabel = "DIR", description = "the music folder (default: ${DEFAULT-VALUE})")
    Path library = Path.of("data", "library");

    @Option(names = "--strategies", split = ",", paramLabel = "a,b", description = "strategies to compare (default: sequential)")
    List<String> strategies = List.of("sequential");

    @Option(names = "--workers", split = ",", paramLabel = "1,2,4", description = "worker counts (default: 1,2,4)")
    List<Integer> workers = List.of(1, 2, 4);

    @Option(names = "--workloads", split = ",", paramLabel = "tags,analyze", description = "workloads (default: tags)")
    List<String> workloads = List.of("tags");

    @Option(names = "--seconds", paramLabel = "S", description = "seconds of each file to analyse (analyze only; default: ${DEFAULT-VALUE})")
    double seconds = AnalyzeWorkload.DEFAULT_SECONDS;

    @Option(names = "--repeats", description = "measured runs per configuration (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--warmups", description = "warm-up runs per configuration, kept and marked (default: ${DEFAULT-VALUE})")
    int warmups = 1;

    @Option(names = "--gil", arity = "0..1", fallbackValue = "on", paramLabel = "on|off|both",
            description = "the simulated GIL: ${COMPLETION-CANDIDATES}; both runs each configuration with and without it (default: ${DEFAULT-VALUE}; --gil alone: on)")
    GilSetting gil = GilSetting.off;

    @Option(names = "--csv", paramLabel = "FILE", description = "where to write the runs (default: ${DEFAULT-VALUE})")
    Path csv = Path.of("bench.csv");

    @Option(names = "--charts", paramLabel = "DIR", description = "also write real-vs-cpu and speedup charts (PNG and SVG) here")
    Path charts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be more than 0 (got " + seconds + ")");
        }
        LibraryWalker.requireLibraryFolder(library);
        if (LibraryWalker.audioFiles(library).isEmpty()) {
            throw new IllegalArgumentException("no audio files under " + library + " (nothing to time)");
        }
        if (Files.isDirectory(csv)) {
            throw new IllegalArgumentException("--csv " + csv + " is a folder, not a file");
        }
        Table runs = Bench.sweep().library(library).strategies(strategies.toArray(String[]::new))
                .workers(workers.stream().mapToInt(Integer::intValue).toArray())
                .workloads(workloads.toArray(String[]::new)).seconds(seconds).repeats(repeats).warmups(warmups).gil(gil.values)
                .onRun(run -> {
                    err.println(run);
                    err.flush();
                })
                .run();
        Bench.save(runs, csv);
        out.println(Bench.summary(runs).printAll());
        out.println("wrote " + runs.rowCount() + " runs to " + csv);
        if (charts != null) {
            Charts.save(Charts.realVsCpu(runs), charts, "real-vs-cpu");
            Charts.save(Charts.speedup(runs), charts, "speedup");
            out.println("wrote charts to " + charts);
        }
        return 0;
    }
}
