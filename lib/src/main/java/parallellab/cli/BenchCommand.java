package parallellab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import parallellab.measure.Bench;
import parallellab.plot.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code lab bench}: runs a sweep of strategies × workers × workloads, prints one line per run and the
 * summary, and writes the runs as CSV (one row per run) and optionally the charts (PNG and SVG).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time every strategy at several worker counts and write the runs as CSV (and charts).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--library", paramLabel = "DIR", description = "the music folder (default: ${DEFAULT-VALUE})")
    Path library = Path.of("data", "library");

    @Option(names = "--strategies", split = ",", paramLabel = "a,b", description = "strategies to compare (default: sequential)")
    List<String> strategies = List.of("sequential");

    @Option(names = "--workers", split = ",", paramLabel = "1,2,4", description = "worker counts (default: 1,2,4)")
    List<Integer> workers = List.of(1, 2, 4);

    @Option(names = "--workloads", split = ",", paramLabel = "tags,analyze", description = "workloads (default: tags)")
    List<String> workloads = List.of("tags");

    @Option(names = "--repeats", description = "measured runs per configuration (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--warmups", description = "warm-up runs per configuration, kept and marked (default: ${DEFAULT-VALUE})")
    int warmups = 1;

    @Option(names = "--gil", description = "turn the simulated GIL on")
    boolean gil;

    @Option(names = "--csv", paramLabel = "FILE", description = "where to write the runs (default: ${DEFAULT-VALUE})")
    Path csv = Path.of("bench.csv");

    @Option(names = "--charts", paramLabel = "DIR", description = "also write real-vs-cpu and speedup charts (PNG and SVG) here")
    Path charts;

    @Override
    public Integer call() throws Exception {
        Table runs;
        try {
            runs = Bench.sweep().library(library).strategies(strategies.toArray(String[]::new))
                    .workers(workers.stream().mapToInt(Integer::intValue).toArray())
                    .workloads(workloads.toArray(String[]::new)).repeats(repeats).warmups(warmups).gil(gil)
                    .onRun(run -> System.err.println(run))
                    .run();
        } catch (IllegalArgumentException mistake) {
            System.err.println("lab bench: " + mistake.getMessage());
            return 2;
        }
        Bench.save(runs, csv);
        System.out.println(Bench.summary(runs).printAll());
        System.out.println("wrote " + runs.rowCount() + " runs to " + csv);
        if (charts != null) {
            Charts.save(Charts.realVsCpu(runs), charts, "real-vs-cpu");
            Charts.save(Charts.speedup(runs), charts, "speedup");
            System.out.println("wrote charts to " + charts);
        }
        return 0;
    }
}
