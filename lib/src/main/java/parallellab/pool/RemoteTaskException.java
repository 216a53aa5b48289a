package parallellab.pool;

/**
 * An exception thrown by a task inside a worker JVM, rebuilt in the parent.
 *
 * <p>The original exception object stays in the worker (its class or fields may not travel); what
 * comes back is its class name, message and stack trace, so the trace printed in the parent shows
 * the worker's frames, as CPython's {@code _RemoteTraceback} does. Causes come back the same way.
 */
public final class RemoteTaskException extends RuntimeException {

    private final String remoteClassName;

    RemoteTaskException(String remoteClassName, String message, StackTraceElement[] remoteTrace, RemoteTaskException cause) {
        super(remoteClassName + (message == null ? "" : ": " + message), cause, false, true);
        this.remoteClassName = remoteClassName;
        setStackTrace(remoteTrace);
    }

    /** The class of the exception the task threw, for example {@code java.io.IOException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    static RemoteTaskException from(Wire.Thrown thrown) {
        RemoteTaskException cause = thrown.cause() == null ? null : from(thrown.cause());
        return new RemoteTaskException(thrown.className(), thrown.message(), thrown.stackTrace(), cause);
    }

    /** The part of a worker's exception that can always be serialized, causes included. */
    static Wire.Thrown capture(Throwable t) {
        return capture(t, 0);
    }

    private static Wire.Thrown capture(Throwable t, int depth) {
        Throwable cause = t.getCause();
        Wire.Thrown remoteCause = cause == null || cause == t || depth >= 8 ? null : capture(cause, depth + 1);
        return new Wire.Thrown(t.getClass().getName(), t.getMessage(), t.getStackTrace(), remoteCause);
    }
}
