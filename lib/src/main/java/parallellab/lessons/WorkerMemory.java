package parallellab.lessons;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.IntStream;
import parallellab.pool.PoolTask;
import parallellab.pool.ProcessPool;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a worker process changes stays in the worker: a static field set by tasks in worker JVMs is
 * still 0 in the parent afterwards. Threads share one heap; processes each have their own, and only
 * what a task returns comes back.
 *
 * <p>The field is static mutable state on purpose: it is the thing the lesson is about.
 */
public final class WorkerMemory {

    /** Each JVM's own copy: bumped by tasks in the workers, read in the parent. */
    private static int bumps;

    private WorkerMemory() {}

    /** Adds one to this JVM's {@code bumps} and says which JVM it was and what the field now holds. */
    public record Bump() implements PoolTask<Integer, String> {
        @Override
        public String apply(Integer task) {
            bumps++;
            return ProcessHandle.current().pid() + " " + bumps;
        }
    }

    /** Runs {@code tasks} bumps in the pool, one per chunk, then reads the parent's own field. */
    public static Table demo(ProcessPool pool, int tasks) throws InterruptedException {
        List<String> seen = pool.map(new Bump(), IntStream.range(0, tasks).boxed().toList(), 1);
        StringColumn where = StringColumn.create("where");
        LongColumn pid = LongColumn.create("pid");
        IntColumn value = IntColumn.create("bumps after the task");
        for (String s : seen) {
            String[] parts = s.split(" ");
            where.append("worker JVM");
            pid.append(Long.parseLong(parts[0]));
            value.append(Integer.parseInt(parts[1]));
        }
        where.append("this JVM (the parent), afterwards");
        pid.append(ProcessHandle.current().pid());
        value.append(bumps);
        return Table.create("a static field bumped " + tasks + " times in worker JVMs ("
                + ManagementFactory.getRuntimeMXBean().getName() + " is the parent)", where, pid, value);
    }
}
