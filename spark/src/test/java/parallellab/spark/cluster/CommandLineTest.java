package parallellab.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A process is found by the end of a command line longer than the page the JDK reads of it (an executor's class path). */
class CommandLineTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void theWholeCommandLineIsRead() throws Exception {
        Path bash = Files.isExecutable(Path.of("/bin/bash")) ? Path.of("/bin/bash") : Path.of("/usr/bin/bash");
        // bash runs the script with the long arguments as $0 and $1 (the ": " keeps it from exec'ing sleep)
        Process process = new ProcessBuilder(bash.toString(), "-c", "sleep 30; :", "x".repeat(20_000), "CoarseGrainedExecutorBackend").start();
        try {
            String line = LocalCluster.commandLine(process.toHandle());
            for (int i = 0; i < 100 && !line.startsWith(bash.toString()); i++) { // until the child has exec'd bash
                Thread.sleep(50);
                line = LocalCluster.commandLine(process.toHandle());
            }
            assertThat(process.toHandle().info().commandLine().orElse("")).doesNotContain("CoarseGrainedExecutorBackend");
            assertThat(line).startsWith(bash.toString()).endsWith(" CoarseGrainedExecutorBackend ");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // bash's sleep
            process.destroyForcibly().waitFor();
        }
    }
}
