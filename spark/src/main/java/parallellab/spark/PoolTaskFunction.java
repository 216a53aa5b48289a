package parallellab.spark;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.api.java.function.Function;
import parallellab.pool.PoolTask;

/**
 * The very task a {@link parallellab.pool.ProcessPool} runs, as the function Spark's {@code map}
 * takes: {@code pool.map(task, paths)} and
 * {@code spark.parallelize(paths, chunks).map(new PoolTaskFunction<>(task)).collect()} do the same
 * work and give the same list.
 *
 * <p>What it shows: both engines ship a serialized object to their workers, so the rule is the
 * same, a named record on the class path whose fields carry the arguments. A lambda written in a
 * notebook cell happens to work on {@code local[N]}, where the executors share the driver's JVM and
 * its classes; on a cluster the executors would not find the cell's class.
 */
public record PoolTaskFunction<A extends Serializable, R extends Serializable>(PoolTask<A, R> task) implements Function<A, R> {

    public PoolTaskFunction {
        Objects.requireNonNull(task, "task");
    }

    @Override
    public R call(A argument) throws Exception {
        return task.apply(argument);
    }
}
