package parallellab.measure;

import java.io.Serializable;

/**
 * One file's bar on the worker timeline: which worker processed it, from when to when, and how
 * much of that it spent waiting for the simulated GIL. Times are microseconds since the epoch, so
 * spans recorded in different JVMs of one machine line up on one axis.
 *
 * @param worker a thread's name, or a worker JVM's pid
 * @param item   the file (or argument) processed
 */
public record FileSpan(String worker, String item, long startMicros, long endMicros, long gilWaitMicros) implements Serializable {

    public FileSpan {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("a span ends before it starts: " + item);
        }
    }

    /** Microseconds since the epoch, from the wall clock (microsecond resolution on Linux). */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
