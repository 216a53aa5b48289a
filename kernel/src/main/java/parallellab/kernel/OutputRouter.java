package parallellab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Routes {@code System.out} and {@code System.err} of every thread to the cell that is running now.
 * Text is buffered and sent every 50 ms and when the cell ends, not once per {@code println}.
 * Between cells nothing is lost: what background threads print is kept (the last 1 MB) and sent at
 * the start of the next cell under a line that says where it came from.
 */
final class OutputRouter implements AutoCloseable {

    static final String BACKGROUND_HEADER = "[output from background threads since the last cell]\n";
    private static final int BACKGROUND_LIMIT = 1 << 20;

    /** Where text goes: stream name ("stdout"/"stderr") and the text. */
    private final Object lock = new Object();
    private BiConsumer<String, String> sink;               // guarded by lock; null between cells
    private final StringBuilder pendingOut = new StringBuilder();     // guarded by lock
    private final StringBuilder pendingErr = new StringBuilder();     // guarded by lock
    private final StringBuilder backgroundOut = new StringBuilder();  // guarded by lock
    private final StringBuilder backgroundErr = new StringBuilder();  // guarded by lock
    private final PrintStream out = new PrintStream(new Routed(true), true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(new Routed(false), true, StandardCharsets.UTF_8);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "output-flusher");
        t.setDaemon(true);
        return t;
    });

    OutputRouter() {
        flusher.scheduleWithFixedDelay(this::flush, 50, 50, TimeUnit.MILLISECONDS);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Starts sending output to a cell; first sends what background threads printed since the last one. */
    void attach(BiConsumer<String, String> cellSink) {
        synchronized (lock) {
            sink = cellSink;
            if (!backgroundOut.isEmpty()) {
                sink.accept("stdout", BACKGROUND_HEADER + backgroundOut);
                backgroundOut.setLength(0);
            }
            if (!backgroundErr.isEmpty()) {
                sink.accept("stderr", BACKGROUND_HEADER + backgroundErr);
                backgroundErr.setLength(0);
            }
        }
    }

    /** Sends what is pending and stops sending to the cell. */
    void detach() {
        out.flush();
        err.flush();
        synchronized (lock) {
            flush();
            sink = null;
        }
    }

    /** Sends pending text to the current cell, if any. */
    void flush() {
        synchronized (lock) {
            if (sink == null) {
                return;
            }
            if (!pendingOut.isEmpty()) {
                String text = pendingOut.toString();
                pendingOut.setLength(0);
                sink.accept("stdout", text);
            }
            if (!pendingErr.isEmpty()) {
                String text = pendingErr.toString();
                pendingErr.setLength(0);
                sink.accept("stderr", text);
            }
        }
    }

    private void append(boolean isOut, String text) {
        synchronized (lock) {
            StringBuilder target = sink != null ? (isOut ? pendingOut : pendingErr) : (isOut ? backgroundOut : backgroundErr);
            target.append(text);
            if (sink == null && target.length() > BACKGROUND_LIMIT) {
                target.delete(0, target.length() - BACKGROUND_LIMIT);
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }

    /** Decodes UTF-8 bytes, holding back an incomplete multi-byte sequence until its last byte arrives. */
    private final class Routed extends OutputStream {
        private final boolean isOut;
        private final byte[] partial = new byte[4];
        private int partialLength;

        Routed(boolean isOut) {
            this.isOut = isOut;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            byte[] bytes;
            if (partialLength > 0) {
                bytes = new byte[partialLength + len];
                System.arraycopy(partial, 0, bytes, 0, partialLength);
                System.arraycopy(b, off, bytes, partialLength, len);
                off = 0;
                len = bytes.length;
                partialLength = 0;
            } else {
                bytes = b;
            }
            int complete = completeLength(bytes, off, len);
            if (complete < len) {
                partialLength = len - complete;
                System.arraycopy(bytes, off + complete, partial, 0, partialLength);
            }
            if (complete > 0) {
                append(isOut, new String(bytes, off, complete, StandardCharsets.UTF_8));
            }
        }
    }

    /** How many of the bytes form whole UTF-8 characters (an incomplete tail of at most 3 bytes is left out). */
    static int completeLength(byte[] b, int off, int len) {
        for (int back = 1; back <= Math.min(3, len); back++) {
            int v = b[off + len - back] & 0xff;
            if ((v & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for the lead byte
            }
            int needed = v >= 0xf0 ? 4 : v >= 0xe0 ? 3 : v >= 0xc0 ? 2 : 1;
            return needed > back ? len - back : len;
        }
        return len;
    }
}
