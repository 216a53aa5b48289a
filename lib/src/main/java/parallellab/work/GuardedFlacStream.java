package parallellab.work;

import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.sound.spi.Flac2PcmAudioInputStream;
import org.jflac.util.ByteData;

/**
 * jflac's PCM stream with a guard on its frame search, which can otherwise loop forever.
 *
 * <p>On some damaged files (random bytes after the last good frame, for one) jflac 1.5.2's
 * {@code readNextFrame} finds a "sync" at the very end of its buffer, fails to parse the header
 * there, and looks again at the same byte: an endless loop that reads nothing, so no check on the
 * file's {@code read} can see it, and that never looks at the thread's interrupt, so a notebook's
 * interrupt cannot stop it either. jflac reports every such failure to its frame listeners,
 * though. Our listener counts the failures at one stream position and ends the decoding when the
 * search keeps failing without moving ({@link NoProgressException}), and it ends it at once when
 * the thread is interrupted. A healthy file never calls the listener, so the guard costs nothing.
 *
 * <p>The same decoding loop as jflac's own stream, with our decoder in place of its private one.
 */
final class GuardedFlacStream extends Flac2PcmAudioInputStream {

    /** Failures at one position after which the search is taken to be stuck. */
    static final int MAX_FAILURES_WITHOUT_PROGRESS = 100;

    private FLACDecoder decoder;
    private ByteData pcmData;

    GuardedFlacStream(InputStream flac, AudioFormat pcmFormat, long frames) {
        super(flac, pcmFormat, frames);
    }

    @Override
    protected void initDecoder() throws IOException {
        decoder = new FLACDecoder(in);
        decoder.addPCMProcessor(this);
        decoder.addFrameListener(new ProgressGuard(decoder));
        decoder.readMetadata();
    }

    /** One frame; jflac's prints on the way ({@code readResidual elsecase}) are dropped ({@link LibraryPrints}). */
    @Override
    protected void fill() throws IOException {
        try (LibraryPrints.Muted quiet = LibraryPrints.mute()) {
            fillFrame();
        }
    }

    private void fillFrame() throws IOException {
        if (decoder == null) {
            initDecoder();
        }
        if (decoder.isEOF()) {
            buffer.setEOF(true);
            return;
        }
        Frame frame = decoder.readNextFrame();
        if (frame != null) {
            pcmData = decoder.decodeFrame(frame, pcmData);
            processPCM(pcmData);
        }
    }

    /** Thrown out of jflac's frame search when it is stuck or the thread was interrupted. */
    static final class NoProgressException extends RuntimeException {
        private final boolean interrupted;

        NoProgressException(String message, boolean interrupted) {
            super(message, null, false, false);
            this.interrupted = interrupted;
        }

        boolean interrupted() {
            return interrupted;
        }
    }

    /** Sees every failed frame search; ends the search when it stops moving or the thread is interrupted. */
    private static final class ProgressGuard implements FrameListener {
        private final FLACDecoder decoder;
        private long position = -1;
        private int failuresHere;

        ProgressGuard(FLACDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void processError(String message) {
            if (Thread.currentThread().isInterrupted()) {
                throw new NoProgressException("interrupted", true);
            }
            long now = decoder.getBitInputStream().getTotalBytesRead();
            failuresHere = now == position ? failuresHere + 1 : 0;
            position = now;
            if (failuresHere >= MAX_FAILURES_WITHOUT_PROGRESS) {
                throw new NoProgressException("corrupt flac: the decoder stopped making progress at byte " + now, false);
            }
        }

        @Override
        public void processMetadata(Metadata metadata) {}

        @Override
        public void processFrame(Frame frame) {}
    }
}
