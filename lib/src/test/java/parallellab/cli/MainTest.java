package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: built whole for help and typos, one subcommand for a run; picocli cacheable. */
class MainTest {

    @Test
    void helpListsEverySubcommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("scan ").contains("bench ").contains("grow ");
        assertThat(Main.commandLine().getSubcommands()).containsOnlyKeys("scan", "bench", "grow");
    }

    @Test
    void aMistypedSubcommandIsAOneLineErrorNamingIt() {
        CliRun.assertEachIsAOneLineError("sacn", List.of(List.of("data")));
        assertThat(CliRun.of("sacn").err()).contains("sacn");
    }

    @Test
    void aSubcommandRunsWithItsOwnHelp() {
        CliRun run = CliRun.of("scan", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: lab scan").contains("--workload");
    }

    /** A JDK's AOT cache skips classes older than Java 7; picocli's own jar is Java 5, so it is compiled from source. */
    @Test
    void picocliIsCompiledForACurrentJava() throws IOException {
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
            DataInputStream data = new DataInputStream(in);
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor version
            assertThat(data.readUnsignedShort()).as("class file major version").isGreaterThanOrEqualTo(65); // Java 21
        }
    }
}
