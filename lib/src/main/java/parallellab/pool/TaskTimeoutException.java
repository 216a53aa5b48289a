package parallellab.pool;

/**
 * A chunk ran past the pool's task timeout ({@link ProcessPool.Builder#taskTimeout}), so its worker
 * JVM was killed and replaced, and each argument of that chunk failed with this exception.
 *
 * <p>Unlike a worker that dies by itself ({@link BrokenProcessPoolException}), this does not break
 * the pool: the kill was the pool's own decision, so the rest of the work goes on in a fresh worker.
 * It is what {@code multiprocessing} users do by hand with {@code AsyncResult.get(timeout)} and
 * {@code terminate()}, made a feature.
 */
public final class TaskTimeoutException extends RuntimeException {

    TaskTimeoutException(String message) {
        super(message);
    }
}
