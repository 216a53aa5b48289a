package parallellab.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import parallellab.scan.Processed;

/**
 * Names each file's span on the worker timeline after the executor that ran it, and marks a task
 * Spark ran again (its attempt number), so the driver's timeline has one row per executor and shows
 * the retries after an executor was lost.
 *
 * <p>On {@code local[N]} the executors are threads of the driver's JVM (executor id "driver"), so
 * the row is the task thread: "driver thread 57". On a cluster: "executor 1 (10.0.0.5)".
 */
public record OnExecutor() implements Function<Processed, Processed> {

    @Override
    public Processed call(Processed processed) {
        SparkEnv env = SparkEnv.get();
        TaskContext task = TaskContext.get();
        String id = env == null ? "?" : env.executorId();
        String worker = id.equals("driver")
                ? "driver thread " + Thread.currentThread().threadId()
                : "executor " + id + " (" + env.blockManager().blockManagerId().host() + ")";
        return processed.on(worker, task == null ? 0 : task.attemptNumber());
    }
}
