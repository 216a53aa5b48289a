package parallellab.work;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The CPU-bound workload: decode the first {@code seconds} of each file and listen to them.
 *
 * <p>Where {@code tags} reads a few kilobytes of header, {@code analyze} decodes audio and runs an
 * FFT every 6 ms of it, so its time goes to the CPU rather than the disk: the workload where threads
 * under a GIL stop helping and processes start to. Make it heavier or lighter with {@code seconds}.
 *
 * <p>Per file: the tags reader's {@link SongData} (a file the tags reader rejects fails the same
 * way here), plus an {@link Analysis} of the decoded audio (loudness, tempo, spectral summary). If the current thread is interrupted mid-file, the file
 * stops within one buffer and the result is {@code Failed(path, "interrupted")} with the interrupt
 * flag left set, so the scanner sees it and stops.
 */
public record AnalyzeWorkload(double seconds) implements Workload {

    public static final double DEFAULT_SECONDS = 10;

    /** 1024-sample frames (23 ms at 44.1 kHz) every 256 samples (5.8 ms): a fine grid for onsets. */
    static final int FRAME_SIZE = 1024;
    static final int HOP = 256;

    public AnalyzeWorkload {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be a positive number, got " + seconds);
        }
    }

    public AnalyzeWorkload() {
        this(DEFAULT_SECONDS);
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public FileResult process(Path file) {
        FileResult tags = new TagsWorkload().process(file);
        if (Thread.currentThread().isInterrupted()) {
            return new FileResult.Failed(file, "interrupted");
        }
        if (!(tags instanceof FileResult.Ok read)) {
            return tags;
        }
        try (PcmDecoder decoder = PcmDecoder.open(file)) {
            Analysis analysis = analyse(decoder, seconds);
            if (analysis == null) {
                return new FileResult.Failed(file, "interrupted");
            }
            return new FileResult.Ok(read.path(), read.song(), analysis);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            return new FileResult.Failed(file, "interrupted");
        } catch (NoSuchFileException e) {
            return new FileResult.Failed(file, "no such file");
        } catch (EOFException e) {
            return new FileResult.Failed(file, "truncated: ended inside its header");
        } catch (UnsupportedAudioFileException | IOException e) {
            return new FileResult.Failed(file, reason(e));
        } catch (RuntimeException | LinkageError e) {
            return new FileResult.Failed(file, "cannot decode: " + reason(e));
        }
    }

    /**
     * Decodes up to {@code seconds} of audio and analyses it, or returns null if the thread was
     * interrupted. The samples stream through; only one buffer and one spectrum are alive at a time.
     */
    public static Analysis analyse(PcmDecoder decoder, double seconds) throws IOException {
        double rate = decoder.sampleRate();
        Loudness loudness = new Loudness();
        TempoEstimator tempo = new TempoEstimator(rate / HOP);
        SpectrumSummary spectrum = new SpectrumSummary(rate / FRAME_SIZE);
        ShortTimeFourier stft = new ShortTimeFourier(FRAME_SIZE, HOP, List.of(tempo, spectrum));

        long wanted = (long) Math.floor(seconds * rate);
        long decoded = 0;
        double[] buffer = new double[4096];
        while (decoded < wanted) {
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            int n = decoder.read(buffer);
            if (n < 0) {
                break;
            }
            n = (int) Math.min(n, wanted - decoded);
            loudness.add(buffer, n);
            stft.push(buffer, n);
            decoded += n;
        }
        if (decoded == 0) {
            throw new IOException("no audio: the stream holds no samples");
        }
        return new Analysis(decoded / rate, loudness.rmsDbfs(), loudness.peakDbfs(), tempo.bpm(),
                spectrum.centroidHz(), spectrum.rolloffHz());
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
