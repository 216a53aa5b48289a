package parallellab.pool;

import java.io.Serializable;

/**
 * Runs once in each worker JVM before its first task, like {@code Pool(initializer=..., initargs=...)}.
 *
 * <p>Use it for set-up that every task would otherwise repeat (warm a cache, open a lookup table).
 * Like a {@link PoolTask} it is a named serializable class; its fields are the {@code initargs}.
 * If it throws, the worker cannot start and the pool reports it as broken instead of retrying.
 */
@FunctionalInterface
public interface WorkerInitializer extends Serializable {

    void initialize() throws Exception;
}
