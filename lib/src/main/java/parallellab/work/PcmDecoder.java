package parallellab.work;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.FormatConversionProvider;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;
import javazoom.spi.vorbis.sampled.convert.VorbisFormatConversionProvider;
import javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader;
import org.jflac.sound.spi.FlacAudioFileReader;
import org.jflac.sound.spi.FlacFormatConversionProvider;
import parallellab.gil.Gil;

/**
 * Streams an audio file as mono samples in [-1, 1), a buffer at a time.
 *
 * <p>Decoding is streaming on purpose: only one buffer of samples is alive at a time, so analysing
 * a whole library never holds a whole file in memory. The decoder is chosen by the file's first
 * bytes ({@link AudioFormatSniffer}), and the Java Sound plug-ins (jflac, mp3spi, vorbisspi) are
 * called directly instead of through {@code AudioSystem}'s service lookup, which depends on the thread's
 * context class loader and silently finds nothing inside a JShell kernel or an odd worker.
 *
 * <p>Reading the file releases the simulated GIL (it is blocking I/O, as in CPython); decoding and
 * mixing hold it and offer it at a {@link Gil#checkpoint()} per buffer.
 */
public final class PcmDecoder implements AutoCloseable {

    private static final int FRAMES_PER_READ = 4096;
    private static final int FILE_BUFFER_BYTES = 64 * 1024;

    private final String format;
    private final AudioFormat sourceFormat;
    private final AudioInputStream pcm;
    private final AudioFormat pcmFormat;
    private final byte[] bytes;

    private PcmDecoder(String format, AudioInputStream source, AudioInputStream pcm) {
        this.format = format;
        this.sourceFormat = source.getFormat();
        this.pcm = pcm;
        this.pcmFormat = pcm.getFormat();
        this.bytes = new byte[FRAMES_PER_READ * pcmFormat.getFrameSize()];
    }

    /**
     * Opens {@code file} for decoding. Throws {@link UnsupportedAudioFileException} with a one-line
     * reason when the file is not audio this decoder handles (for example AAC in an M4A).
     */
    public static PcmDecoder open(Path file) throws IOException, UnsupportedAudioFileException {
        InputStream in = new BufferedInputStream(new GilReleasingInputStream(Files.newInputStream(file)), FILE_BUFFER_BYTES);
        try {
            String format = sniffSkippingId3(in);
            AudioInputStream source = reader(format).open(in);
            return new PcmDecoder(format, source, toSignedPcm(format, source));
        } catch (IOException | UnsupportedAudioFileException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** What the file's bytes say it is: {@code mp3}, {@code flac}, {@code ogg}, {@code wav} or {@code aif}. */
    public String format() {
        return format;
    }

    /** The encoded stream's format: encoding, sample rate, channels. */
    public AudioFormat sourceFormat() {
        return sourceFormat;
    }

    public float sampleRate() {
        return pcmFormat.getSampleRate();
    }

    /**
     * Fills {@code mono} with up to its length of samples, the channels averaged.
     *
     * @return how many samples were written, or -1 at the end of the stream
     */
    public int read(double[] mono) throws IOException {
        int frameSize = pcmFormat.getFrameSize();
        int wanted = Math.min(mono.length, FRAMES_PER_READ) * frameSize;
        int got;
        try {
            got = pcm.readNBytes(bytes, 0, wanted);
        } catch (GuardedFlacStream.NoProgressException e) {
            throw e.interrupted() ? new InterruptedIOException("interrupted") : new IOException(e.getMessage());
        }
        Gil.checkpoint();
        int frames = got / frameSize;
        if (frames == 0) {
            return -1;
        }
        int channels = pcmFormat.getChannels();
        int sampleBytes = frameSize / channels;
        boolean bigEndian = pcmFormat.isBigEndian();
        double scale = 1.0 / (channels * (double) (1L << (8 * sampleBytes - 1)));
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sampleAt(bytes, (f * channels + c) * sampleBytes, sampleBytes, bigEndian);
            }
            mono[f] = sum * scale;
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }

    private static long sampleAt(byte[] data, int offset, int size, boolean bigEndian) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int b = data[offset + (bigEndian ? i : size - 1 - i)];
            value = i == 0 ? b : (value << 8) | (b & 0xFF);
        }
        return value;
    }

    private static StreamReader reader(String format) throws UnsupportedAudioFileException {
        return switch (format) {
            // The JDK's own WAV and AIFF readers are always visible, whatever the class loader.
            case "wav", "aif" -> AudioSystem::getAudioInputStream;
            case "flac" -> new FlacAudioFileReader()::getAudioInputStream;
            case "mp3" -> new MpegAudioFileReader()::getAudioInputStream;
            case "ogg" -> new VorbisAudioFileReader()::getAudioInputStream;
            case "m4a", "aac" -> throw new UnsupportedAudioFileException("analysis not supported for " + format + " (no pure-Java AAC decoder)");
            default -> throw new UnsupportedAudioFileException("not an audio file (no known audio header in its first bytes)");
        };
    }

    /** Signed integer PCM, little-endian, 16 bits for the lossy codecs, the native depth otherwise. */
    private static AudioInputStream toSignedPcm(String format, AudioInputStream source) {
        AudioFormat in = source.getFormat();
        AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, in.getSampleRate(), 16,
                in.getChannels(), 2 * in.getChannels(), in.getSampleRate(), false);
        return switch (format) {
            case "mp3" -> convert(new MpegFormatConversionProvider(), pcm16, source);
            case "ogg" -> convert(new VorbisFormatConversionProvider(), pcm16, source);
            case "flac" -> guardedFlac(source);
            default -> in.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED) && in.getSampleSizeInBits() % 8 == 0
                    ? source
                    : AudioSystem.getAudioInputStream(pcm16, source);
        };
    }

    /** jflac's own conversion picks the format; {@link GuardedFlacStream} decodes, with its guard. */
    private static AudioInputStream guardedFlac(AudioInputStream source) {
        AudioInputStream plain = new FlacFormatConversionProvider().getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, source);
        return new GuardedFlacStream(source, plain.getFormat(), plain.getFrameLength());
    }

    private static AudioInputStream convert(FormatConversionProvider provider, AudioFormat target, AudioInputStream source) {
        if (!provider.isConversionSupported(target, source.getFormat())) {
            throw new IllegalArgumentException("cannot decode " + source.getFormat().getEncoding() + " to PCM");
        }
        return provider.getAudioInputStream(target, source);
    }

    /**
     * Sniffs the header; an ID3v2 tag in front (MP3s, the odd FLAC) is skipped first, because tags
     * with cover art are larger than the mark buffer the MP3 reader rewinds within.
     */
    private static String sniffSkippingId3(InputStream in) throws IOException {
        byte[] head = new byte[12];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        if (n == 0) {
            throw new IOException("empty file");
        }
        if (n >= 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            long size = ((head[6] & 0x7F) << 21) | ((head[7] & 0x7F) << 14) | ((head[8] & 0x7F) << 7) | (head[9] & 0x7F);
            boolean footer = (head[5] & 0x10) != 0;
            long skip = 10 + size + (footer ? 10 : 0) - n;
            in.skipNBytes(skip);
            in.mark(head.length);
            n = in.readNBytes(head, 0, head.length);
        }
        in.reset();
        return AudioFormatSniffer.sniff(head, n).orElse("unknown");
    }

    /** Opens an encoded stream: one reader per container, called directly. */
    @FunctionalInterface
    private interface StreamReader {
        AudioInputStream open(InputStream in) throws UnsupportedAudioFileException, IOException;
    }

    /**
     * The file as the decoders see it. Raw reads are blocking I/O, so they run with the simulated GIL
     * released. Every read also looks at the thread's interrupt, so a decoder that keeps reading
     * (mp3spi and jorbis call nothing else we could watch) stops when asked, and a decoder that keeps
     * asking for more after the end is told the file is over.
     */
    private static final class GilReleasingInputStream extends FilterInputStream {
        /** Reads at the end of the file after which the decoder is taken to be looping. */
        private static final int MAX_READS_AT_END = 1000;

        private int readsAtEnd;

        GilReleasingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            int n = Gil.released(() -> in.read(b, off, len));
            if (n <= 0 && len > 0 && ++readsAtEnd > MAX_READS_AT_END) {
                throw new IOException("corrupt file: the decoder kept reading past its end");
            }
            return n;
        }
    }
}
