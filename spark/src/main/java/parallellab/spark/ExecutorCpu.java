package parallellab.spark;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the CPU time a scan's tasks spent in the executors, from Spark's own task metrics.
 *
 * <p>Why it is needed: on a cluster the work runs in executor JVMs, often on other machines. This
 * JVM's user + sys time is only the driver's, so cpu/real would read 0.6 for a job that kept two
 * cores busy. Each finished task reports its executor CPU time (and its run time, wall clock on the
 * executor); summing them gives the executors' side of the real-against-CPU lesson. The trade-off:
 * it counts task time only, not the executor JVM's own JIT and GC threads, so it is a little low.
 *
 * <p>A listener hears every job of the context; this one counts only the jobs of one job group,
 * the scan's. Spark delivers events on its own thread, after the job's result:
 * {@link #awaitTasks(int)} waits for them.
 */
public final class ExecutorCpu extends SparkListener {

    /** What the executors reported for one scan. */
    public record Totals(double cpuSeconds, double runSeconds, Map<String, Integer> tasksByExecutor, int failedTasks) {
        public int tasks() {
            return tasksByExecutor.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final String jobGroup;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final LongAdder cpuNanos = new LongAdder();
    private final LongAdder runMillis = new LongAdder();
    private final Map<String, Integer> tasksByExecutor = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final Object lock = new Object();

    ExecutorCpu(String jobGroup) {
        this.jobGroup = jobGroup;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (jobStart.properties() != null && jobGroup.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            CollectionConverters.asJava(jobStart.stageIds()).forEach(id -> stages.add((Integer) id));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!stages.contains(taskEnd.stageId())) {
            return;
        }
        TaskMetrics metrics = taskEnd.taskMetrics();
        if (metrics != null) {
            // A failed task's metrics count too: that CPU was spent, even if the result was lost.
            cpuNanos.add(metrics.executorCpuTime() + metrics.executorDeserializeCpuTime());
            runMillis.add(metrics.executorRunTime() + metrics.executorDeserializeTime());
        }
        synchronized (lock) {
            if (taskEnd.reason() == Success$.MODULE$) {
                tasksByExecutor.merge(taskEnd.taskInfo().executorId(), 1, Integer::sum);
            } else {
                failed.incrementAndGet();
            }
            lock.notifyAll();
        }
    }

    /** Waits (up to 10 s) until {@code tasks} tasks have succeeded: the events arrive after the job's result. */
    Totals awaitTasks(int tasks) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (lock) {
            while (totals().tasks() < tasks && System.nanoTime() < deadline) {
                lock.wait(100);
            }
            return totals();
        }
    }

    Totals totals() {
        synchronized (lock) {
            return new Totals(cpuNanos.sum() / 1e9, runMillis.sum() / 1e3, Map.copyOf(new TreeMap<>(tasksByExecutor)), failed.get());
        }
    }
}
