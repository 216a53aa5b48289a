package parallellab.gil;

/**
 * A simulated Global Interpreter Lock, so the Python result can be reproduced in Java.
 *
 * <p>STUB: the scanners issue implements it. Workloads call {@link #checkpoint()} in their hot loops
 * and wrap blocking I/O and external programs in {@link #released(BlockingCall)}. When no GIL is on
 * (the default) both cost a volatile read.
 */
public final class Gil {

    private Gil() {}

    /** Called often from CPU-bound code: gives the lock up if held past the switch interval. */
    public static void checkpoint() {}

    /** Runs blocking I/O or an external program without holding the lock, as CPython does. */
    public static <T, E extends Exception> T released(BlockingCall<T, E> blocking) throws E {
        return blocking.call();
    }

    /** Blocking work (file I/O, a child process) that may throw its own checked exception. */
    @FunctionalInterface
    public interface BlockingCall<T, E extends Exception> {
        T call() throws E;
    }
}
