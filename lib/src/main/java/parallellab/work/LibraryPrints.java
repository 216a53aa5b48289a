package parallellab.work;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Keeps a library's own prints off the user's output, on the calling thread only.
 *
 * <p>jflac 1.5.2 prints {@code readResidual elsecase, pEsc = ...} on {@code System.out} for every
 * escaped residual partition, which damaged FLACs are full of, and {@code printStackTrace}s on a
 * failed close: lines in the middle of a scan's table or a notebook cell. The print sits deep inside
 * its frame parser, so it cannot be avoided from outside. Instead, while our decoder runs
 * ({@code try (var quiet = LibraryPrints.mute()) {...}}), whatever this thread writes to
 * {@code System.out} or {@code System.err} is dropped; every other thread's output, and this
 * thread's outside the block, passes through unchanged.
 *
 * <p>The trade-off: {@code System.out} and {@code System.err} become a thin gate (installed once,
 * again if someone replaces them later), and every write anywhere pays one thread-local look-up.
 * Redirecting {@code System.out} for the duration instead would swallow other threads' output.
 */
public final class LibraryPrints {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final java.util.concurrent.atomic.AtomicLong DROPPED = new java.util.concurrent.atomic.AtomicLong();

    private LibraryPrints() {}

    /** Drops this thread's prints until the returned token is closed; nests. */
    public static Muted mute() {
        install();
        DEPTH.get()[0]++;
        return MUTED;
    }

    /** True while this thread's prints are being dropped. */
    static boolean muted() {
        return DEPTH.get()[0] > 0;
    }

    /** How many bytes of muted prints were dropped so far in this JVM: what the user was spared. */
    public static long droppedBytes() {
        return DROPPED.get();
    }

    /** Ends a {@link #mute()}; closing it twice is a bug in the caller. */
    public interface Muted extends AutoCloseable {
        @Override
        void close();
    }

    private static final Muted MUTED = () -> DEPTH.get()[0]--;

    private static void install() {
        if (System.out instanceof Gated && System.err instanceof Gated) {
            return;
        }
        synchronized (LibraryPrints.class) {
            if (!(System.out instanceof Gated)) {
                System.setOut(new Gated(System.out));
            }
            if (!(System.err instanceof Gated)) {
                System.setErr(new Gated(System.err));
            }
        }
    }

    /** A print stream that forwards to the one it replaced, unless the writing thread is muted. */
    private static final class Gated extends PrintStream {
        Gated(PrintStream replaced) {
            super(new Gate(replaced), true, replaced.charset());
        }
    }

    private static final class Gate extends OutputStream {
        private final PrintStream target;

        Gate(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            if (!muted()) {
                target.write(b);
            } else {
                DROPPED.incrementAndGet();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!muted()) {
                target.write(b, off, len);
            } else {
                DROPPED.addAndGet(len);
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
