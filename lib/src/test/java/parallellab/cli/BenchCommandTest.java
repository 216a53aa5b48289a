package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.bench.Bench;
import tech.tablesaw.api.Table;

/** The {@code bench} command run in-process, as a user would run it, good input and bad. */
class BenchCommandTest {

    @TempDir
    Path dir;

    private Path library;


    private static CliRun bench(String... args) {
        return CliRun.of("bench", args);
    }

    @BeforeEach
    void smallLibrary() throws Exception {
        library = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(library.resolve("a.mp3"), "x");
    }

    @Test
    void writesOneCsvRowPerRunAndTheCharts() throws Exception {
        CliRun run = bench("--library", library.toString(), "--strategies", "sequential", "--workloads", "tags",
                "--repeats", "2", "--warmups", "1", "--csv", dir.resolve("b.csv").toString(), "--charts", dir.resolve("charts").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).hasSize(1 + 3);
        assertThat(run.err().lines()).hasSize(3).allMatch(line -> line.startsWith("[")); // one progress line per run
        assertThat(run.out()).contains("real_s_median").contains("wrote 3 runs to ");
        assertThat(dir.resolve("charts/speedup.png")).isNotEmptyFile();
        assertThat(dir.resolve("charts/real-vs-cpu.svg")).isNotEmptyFile();
    }

    @Test
    void gilBothRunsEveryConfigurationWithAndWithoutTheLockSideBySide() throws Exception {
        Path csv = dir.resolve("gil.csv");
        CliRun run = bench("--library", library.toString(), "--strategies", "queue-threads", "--workers", "1,2",
                "--workloads", "analyze", "--seconds", "0.5", "--gil", "both", "--repeats", "1", "--warmups", "0", "--csv", csv.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Table runs = Bench.load(csv);
        assertThat(runs.booleanColumn("gil").asList()).containsExactly(false, false, true, true);
        assertThat(runs.intColumn("workers").asList()).containsExactly(1, 2, 1, 2);
        Table summary = Bench.summary(runs);
        assertThat(summary.intColumn("workers").asList()).as("each configuration with and without the GIL, side by side").containsExactly(1, 1, 2, 2);
        assertThat(summary.booleanColumn("gil").asList()).containsExactly(false, true, false, true);

        Path on = dir.resolve("on.csv");
        assertThat(bench("--library", library.toString(), "--gil", "--repeats", "1", "--warmups", "0", "--csv", on.toString()).code()).isZero();
        assertThat(Bench.load(on).booleanColumn("gil").asList()).as("--gil alone, as before").containsExactly(true);
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String lib = library.toString();
        List<List<String>> cases = List.of(
                List.of("--library", dir.resolve("missing").toString()),
                List.of("--library", library.resolve("a.mp3").toString()),
                List.of("--library", empty.toString()),
                List.of("--library", lib, "--strategies", "nope"),
                List.of("--library", lib, "--workloads", "nope"),
                List.of("--library", lib, "--workers", "0"),
                List.of("--library", lib, "--workers", "many"),
                List.of("--library", lib, "--repeats", "0"),
                List.of("--library", lib, "--warmups", "-1"),
                List.of("--library", lib, "--seconds", "0"),
                List.of("--library", lib, "--seconds", "-1", "--workloads", "analyze"),
                List.of("--library", lib, "--seconds", "soon"),
                List.of("--library", lib, "--gil", "maybe"),
                List.of("--library", lib, "--csv", dir.toString()),
                List.of("--library", lib, "--no-such-option"));
        CliRun.assertEachIsAOneLineError("bench", cases);
        assertThat(bench("--library", lib, "--gil", "maybe").err()).contains("[on, off, both]").contains("Try 'bench --help'");
        assertThat(bench("--library", lib, "--seconds", "0").err()).contains("--seconds must be more than 0");
        assertThat(Files.exists(Path.of("bench.csv"))).as("no CSV left by a failed run").isFalse();
    }
}
