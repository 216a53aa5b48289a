package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOneCsvRowPerRunAndTheCharts() throws Exception {
        Path library = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(library.resolve("a.mp3"), "x");
        int code = new CommandLine(new BenchCommand()).execute("--library", library.toString(), "--strategies", "sequential",
                "--workloads", "tags", "--repeats", "2", "--warmups", "1", "--csv", dir.resolve("b.csv").toString(),
                "--charts", dir.resolve("charts").toString());
        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).hasSize(1 + 3);
        assertThat(dir.resolve("charts/speedup.png")).isNotEmptyFile();
        assertThat(dir.resolve("charts/real-vs-cpu.svg")).isNotEmptyFile();
    }

    @Test
    void aTypoIsOneLineNotAStackTrace() {
        int code = new CommandLine(new BenchCommand()).execute("--library", dir.toString(), "--strategies", "nope");
        assertThat(code).isEqualTo(2);
    }
}
