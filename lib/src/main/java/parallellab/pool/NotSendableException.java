package parallellab.pool;

/**
 * A task or argument cannot be sent to a worker JVM: the Java face of Python's "Can't pickle
 * &lt;function&gt;: attribute lookup failed".
 *
 * <p>The message says why and what to do; it is thrown before any work starts.
 */
public final class NotSendableException extends IllegalArgumentException {

    NotSendableException(String message) {
        super(message);
    }
}
