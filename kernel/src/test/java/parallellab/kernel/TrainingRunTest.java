package parallellab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The training run behind the start-up cache drives a whole kernel through its own sockets ({@link TrainingRun}):
 * it completes when every cell runs, refuses to go on when one fails (a cache is never made from a kernel that
 * could not run its cells), and in either case shuts the kernel down, leaving none of its threads behind.
 */
class TrainingRunTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream out;
    private PrintStream err;
    private InputStream in;
    private Set<String> threadsBefore;

    @BeforeEach
    void keepStreams() {
        out = System.out;
        err = System.err;
        in = System.in;
        threadsBefore = liveThreadNames();
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(out);
        System.setErr(err);
        System.setIn(in);
    }

    private PrintStream log() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).collect(Collectors.toSet());
    }

    /** The kernel's own threads (sockets, heartbeat, the training kernel): all gone once the run returns. */
    private void assertKernelThreadsStopped() throws InterruptedException {
        Set<String> kernelThreads = Set.of("training-kernel", "kernel-shell", "kernel-control");
        for (int i = 0; i < 50 && liveThreadNames().stream().anyMatch(kernelThreads::contains); i++) {
            Thread.sleep(100);
        }
        Set<String> left = liveThreadNames();
        left.removeAll(threadsBefore);
        assertThat(left).doesNotContainAnyElementsOf(kernelThreads);
    }

    @Test
    void aKernelRunsTheTrainingCellsThroughItsSockets() throws Exception {
        TrainingRun.run(log(), TrainingRun.CELLS, TrainingRun.CELLS.size());

        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("failed").doesNotContain("Exception");
        assertKernelThreadsStopped();
    }

    @Test
    void aCellThatFailsStopsTheTrainingAndTheKernel() throws Exception {
        assertThatThrownBy(() -> TrainingRun.run(log(), List.of("1 + 1", "noSuchVariable + 1"), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execute_request with error: noSuchVariable + 1");
        assertKernelThreadsStopped();
    }
}
