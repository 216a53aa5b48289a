package parallellab.scan;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Finds threads a scan left behind, waiting a little for pools that are still winding down. */
public final class LeftoverThreads {

    private LeftoverThreads() {}

    /** The threads named with {@code prefix} or in {@code seen} still alive after up to 10 s. */
    public static List<Thread> after(String prefix, Collection<Thread> seen) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Thread> alive = alive(prefix, seen);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = alive(prefix, seen);
        }
        return alive;
    }

    static List<Thread> alive(String prefix, Collection<Thread> seen) {
        return Stream.concat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)), seen.stream())
                .filter(Thread::isAlive)
                .distinct()
                .toList();
    }

    /** The worker-name prefix of each thread strategy. */
    static String prefixOf(String strategy) {
        return switch (strategy) {
            case "queue-threads" -> QueueThreadScanner.WORKER_NAME;
            case "executor" -> ExecutorScanner.WORKER_NAME;
            case "virtual" -> VirtualThreadScanner.WORKER_NAME;
            case "parallel-stream" -> ParallelStreamScanner.WORKER_NAME;
            case "exit-when-empty" -> ExitWhenEmptyScanner.WORKER_NAME;
            case "thread-local" -> ThreadLocalAggregationScanner.WORKER_NAME;
            case "thread-subclass" -> ThreadSubclassScanner.WORKER_NAME;
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    /** The thread strategies that are correct (every one but the flawed exit-when-empty). */
    static List<String> correctThreadStrategies() {
        return List.of("queue-threads", "executor", "virtual", "parallel-stream", "thread-local", "thread-subclass");
    }
}
