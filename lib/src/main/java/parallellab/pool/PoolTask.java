package parallellab.pool;

import java.io.Serializable;

/**
 * A function a {@link ProcessPool} can send to its worker JVMs: the Java face of "the function
 * must be pickle-able".
 *
 * <p>Write it as a named record on the class path. The pool serializes the instance, so its fields
 * are the extra arguments every call gets, as {@code functools.partial} gives them in Python:
 * {@code new WorkloadTask(new AnalyzeWorkload(10))} carries the 10 to every worker. A lambda or a
 * class defined in a notebook cell cannot be sent; {@link ProcessPool} says so before it starts.
 *
 * <p>Arguments and results travel serialized, so they must be {@link Serializable}, with one
 * exception: a {@link java.nio.file.Path} (not serializable) travels as its string and arrives as
 * a {@code Path} again, so {@code PoolTask<Path, Long>} works as a learner expects. Anything else
 * that is not serializable is refused with a one-line {@link NotSendableException} before the work
 * starts (an argument) or fails its own argument (a result).
 *
 * @param <A> the argument, one element of the list given to {@code map}
 * @param <R> the result, sent back to the parent
 */
@FunctionalInterface
public interface PoolTask<A, R> extends Serializable {

    /** Runs in a worker JVM. What it throws comes back to the parent as a {@link RemoteTaskException}. */
    R apply(A arg) throws Exception;
}
