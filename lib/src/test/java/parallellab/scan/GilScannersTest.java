package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import parallellab.gil.Gil;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/** Thread scanners with {@code gil = true} run one worker's Java code at a time, and turn the GIL off after. */
class GilScannersTest {

    @TempDir
    Path tmp;

    static java.util.List<String> strategies() {
        return LeftoverThreads.correctThreadStrategies();
    }

    /** CPU-bound steps with checkpoints between them, counting how many workers are inside a step at once. */
    static final class Probe implements Workload {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicBoolean alwaysHeld = new AtomicBoolean(true);

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public FileResult process(Path file) {
            for (int step = 0; step < 50; step++) {
                mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                if (!Gil.heldByCurrentThread()) {
                    alwaysHeld.set(false);
                }
                long x = step;
                for (int i = 0; i < 5_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                inside.decrementAndGet();
                Gil.checkpoint();
                if (x == 0) {
                    Thread.onSpinWait();
                }
            }
            return new FileResult.Failed(file, "probed");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void withTheGilOnOnlyOneWorkerRunsJavaCodeAtATime(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 24, 8);
        Probe probe = new Probe();

        var results = Strategies.create(strategy, new ScanOptions(4, true, 0)).scan(library, probe);

        assertThat(results).hasSize(24);
        assertThat(probe.alwaysHeld).isTrue();
        assertThat(probe.mostAtOnce).hasValue(1);
        assertThat(Gil.isActive()).as("the scan turned the GIL off").isFalse();
    }
}
