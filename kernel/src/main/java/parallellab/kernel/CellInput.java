package parallellab.kernel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code System.in} for cells: when the front end allows input, a read asks it for a line through
 * Jupyter's {@code input_request}; otherwise it reads as end of input, so a {@code java.util.Scanner} fails
 * fast instead of hanging.
 */
final class CellInput extends InputStream {

    private volatile Function<String, String> frontEnd; // null when input is not allowed
    private byte[] buffer = new byte[0];
    private int position;

    void attach(Function<String, String> readLine) {
        frontEnd = readLine;
    }

    synchronized void detach() {
        frontEnd = null;
        buffer = new byte[0];
        position = 0;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private boolean fill() {
        if (position < buffer.length) {
            return true;
        }
        Function<String, String> source = frontEnd;
        if (source == null) {
            return false;
        }
        String line = source.apply("");
        if (line == null) {
            return false;
        }
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
