package parallellab.pool;

/**
 * A worker JVM died or could not start, so the pool cannot finish its work.
 *
 * <p>The pool fails fast, like CPython's {@code ProcessPoolExecutor} (its {@code multiprocessing.Pool}
 * hangs instead): every argument not yet done fails with this exception, the other workers are
 * stopped, and the pool refuses new work. The message names the worker, its pid and exit code, and
 * for a JVM that would not start, the first line it wrote to stderr.
 */
public final class BrokenProcessPoolException extends RuntimeException {

    BrokenProcessPoolException(String message) {
        super(message);
    }
}
