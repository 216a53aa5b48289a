package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import parallellab.kit.Rows;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Counts the live threads of this JVM, in all and by name, to see whether a scanner leaves its
 * workers behind: a kernel that runs a lesson's cells for an hour must not gather threads.
 *
 * <pre>{@code
 * ThreadCensus.acrossRuns(new QueueThreadScanner(ScanOptions.workers(4)), sample, new TagsWorkload(), 5,
 *         QueueThreadScanner.WORKER_NAME);
 * }</pre>
 */
public final class ThreadCensus {

    private ThreadCensus() {}

    /** The worker-name prefixes of the thread scanners in this package. */
    public static final List<String> SCANNER_WORKERS = List.of(
            QueueThreadScanner.WORKER_NAME, ExitWhenEmptyScanner.WORKER_NAME, ThreadLocalAggregationScanner.WORKER_NAME,
            ThreadSubclassScanner.WORKER_NAME, ExecutorScanner.WORKER_NAME, VirtualThreadScanner.WORKER_NAME,
            ParallelStreamScanner.WORKER_NAME);

    /**
     * The worker threads of any thread scanner still alive in this JVM, with their state: after a
     * scan, none. Platform threads only: the JVM does not list virtual threads one by one.
     */
    public static Table scannerWorkers() {
        List<Thread> alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && SCANNER_WORKERS.stream().anyMatch(t.getName()::startsWith))
                .sorted(Comparator.comparing(Thread::getName))
                .toList();
        return Table.create("scanner worker threads still alive",
                StringColumn.create("thread", alive.stream().map(Thread::getName).toList()),
                StringColumn.create("state", alive.stream().map(t -> t.getState().toString()).toList()));
    }

    /** Live threads of this JVM whose name starts with {@code prefix} ("" counts them all). */
    public static int alive(String prefix) {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return (int) threads.stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    /**
     * Runs the scanner {@code runs} times and counts the threads before the first run and after each
     * one: all of the JVM's, and the workers named with {@code workerPrefix}; also the most workers
     * seen alive while each run was going (counted as each file finished).
     */
    public static Table acrossRuns(LibraryScanner scanner, Path library, Workload workload, int runs, String workerPrefix)
            throws InterruptedException {
        List<Count> counts = new ArrayList<>();
        counts.add(new Count("before the first run", alive(""), null, alive(workerPrefix)));
        for (int run = 1; run <= runs; run++) {
            AtomicInteger most = new AtomicInteger();
            scanner.scan(library, workload, new ScanListener() {
                @Override
                public void finished(FileResult result) {
                    most.accumulateAndGet(alive(workerPrefix), Math::max);
                }
            });
            counts.add(new Count("after run " + run, alive(""), most.get(), alive(workerPrefix)));
        }
        return Rows.toTable(scanner.name() + " threads across " + runs + " runs", Count.class, counts);
    }

    /** One line of {@link #acrossRuns}; no workers are counted during a run before the first. */
    private record Count(String when, int threadsInJvm, Integer workersDuringRun, int workersAliveAfter) {}
}
