package parallellab.pool;

import java.io.Serializable;
import parallellab.measure.FileSpan;

/**
 * Wraps a pool task so that each call also reports which worker JVM ran it and when: the worker
 * timeline of a process pool. Times are wall-clock microseconds, which the JVMs of one machine
 * share, so the parent can draw every worker's bars on one axis, start-up gap included.
 */
public record TimedTask<A extends Serializable, R extends Serializable>(PoolTask<A, R> task) implements PoolTask<A, TimedTask.Timed<R>> {

    /** A task's value and its span on the timeline. */
    public record Timed<R extends Serializable>(R value, FileSpan span) implements Serializable {}

    @Override
    public Timed<R> apply(A arg) throws Exception {
        long start = FileSpan.nowMicros();
        R value = task.apply(arg);
        return new Timed<>(value, new FileSpan("worker JVM " + ProcessHandle.current().pid(), String.valueOf(arg), start, FileSpan.nowMicros(), 0));
    }
}
