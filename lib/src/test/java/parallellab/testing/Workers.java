package parallellab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import parallellab.pool.Worker;

/** Test helper: the worker JVMs this test JVM has started and not yet reaped. */
public final class Workers {

    private Workers() {}

    public static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(Worker.class.getName())).orElse(true))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** Waits a generous, bounded time for the workers to go; this is not a speed test. */
    public static void assertNoneLeft() throws InterruptedException {
        for (int i = 0; i < 100 && !alive().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(alive()).as("worker processes still running").isEmpty();
    }

    public static boolean allDead(List<Long> pids) {
        return pids.stream().allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
