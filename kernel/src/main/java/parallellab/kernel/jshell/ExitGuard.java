package parallellab.kernel.jshell;

/**
 * What a cell's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} become: the kernel
 * shares its JVM with the cells, so an exit would end the whole notebook session. Since JDK 24 there
 * is no SecurityManager to veto it, so {@link SnippetRewriter} redirects those calls here.
 */
public final class ExitGuard {

    private ExitGuard() {}

    public static void systemExit(int status) {
        throw new ExitRefusedException("System.exit(" + status + ")");
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.exit(" + status + ")");
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.halt(" + status + ")");
    }

    /** Raised instead of ending the kernel's JVM. */
    public static final class ExitRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExitRefusedException(String call) {
            super(call + " was called in a cell; it would end the kernel, so it was refused."
                    + " Use Kernel > Restart to start afresh.");
        }
    }
}
