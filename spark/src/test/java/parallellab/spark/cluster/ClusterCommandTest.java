package parallellab.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./lab cluster}'s mistakes, each one line: no cluster is started by these tests. */
class ClusterCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ClusterCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheStartOptions() {
        assertThat(ClusterCommand.parse(List.of("--workers", "3", "--cores", "2", "--memory", "512m", "--port", "0")))
                .isEqualTo(new LocalCluster.Options(3, 2, "512m", 0, 8080));
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCode2() {
        assertThat(run("start", "--workers", "two")).isEqualTo(2);
        assertThat(errors()).isEqualTo("lab: error: --workers takes a whole number (got 'two')\n");
        err.reset();
        assertThat(run("start", "--memory", "lots")).isEqualTo(2);
        assertThat(errors()).startsWith("lab: error: --memory takes a size").hasLineCount(1);
        err.reset();
        assertThat(run("restart")).isEqualTo(2);
        assertThat(errors()).contains("unknown cluster command 'restart'").hasLineCount(1);
    }

    @Test
    void aBusyPortIsOneLineAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("start", "--port", String.valueOf(port), "--webui-port", "0")).isEqualTo(1);
            assertThat(errors()).hasLineCount(1).contains("port " + port + " is in use on 127.0.0.1");
        }
    }
}
