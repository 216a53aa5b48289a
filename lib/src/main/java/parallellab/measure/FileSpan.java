package parallellab.measure;

import java.io.Serializable;

/**
 * One file's bar on the worker timeline: which worker processed it, from when to when, and how
 * much of that it spent waiting for the simulated GIL. Times are microseconds since the epoch, so
 * spans recorded in different JVMs of one machine line up on one axis.
 *
 * @param worker  a thread's name, a worker JVM ("pid 4242") or a Spark executor ("executor 1 (host)")
 * @param item    the file (or argument) processed
 * @param attempt 0 the first time; 1, 2, ... when an engine ran the file again (Spark retries the
 *                tasks of an executor it lost)
 */
public record FileSpan(String worker, String item, long startMicros, long endMicros, long gilWaitMicros, int attempt,
        long[] gilWaits) implements Serializable {

    private static final long[] NO_WAITS = {};

    /**
     * @param gilWaits when the worker waited for the simulated GIL inside this span, as (from, to)
     *                 pairs of microseconds since the epoch, {@code [from1, to1, from2, to2, ...]};
     *                 empty when it did not wait or the waits were not kept
     */
    public FileSpan {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("a span ends before it starts: " + item);
        }
        gilWaits = gilWaits == null || gilWaits.length == 0 ? NO_WAITS : gilWaits;
        if (gilWaits.length % 2 != 0) {
            throw new IllegalArgumentException("GIL waits come in (from, to) pairs: " + gilWaits.length + " values");
        }
    }

    /** A span with its attempt and no GIL wait intervals. */
    public FileSpan(String worker, String item, long startMicros, long endMicros, long gilWaitMicros, int attempt) {
        this(worker, item, startMicros, endMicros, gilWaitMicros, attempt, NO_WAITS);
    }

    /** A first attempt. */
    public FileSpan(String worker, String item, long startMicros, long endMicros, long gilWaitMicros) {
        this(worker, item, startMicros, endMicros, gilWaitMicros, 0);
    }

    /** The same span, named after the worker that carried it back (a worker JVM, an executor) and with its attempt. */
    public FileSpan on(String carrier, int attemptNumber) {
        return new FileSpan(carrier, item, startMicros, endMicros, gilWaitMicros, attemptNumber, gilWaits);
    }

    public boolean retry() {
        return attempt > 0;
    }

    /** Microseconds since the epoch, from the wall clock (microsecond resolution on Linux). */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
