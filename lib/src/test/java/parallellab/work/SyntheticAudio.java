package parallellab.work;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test fixtures: WAV files written in the test, so the DSP tests need no bundled library. */
final class SyntheticAudio {

    private SyntheticAudio() {}

    /** A drum groove (kick on beats, snare on 2 and 4, hats on eighths) and a bass at {@code bpm}. */
    static Path groove(Path file, double bpm, double seconds, int sampleRate, int channels) throws IOException {
        int n = (int) Math.round(seconds * sampleRate);
        double[] x = new double[n];
        double beat = 60.0 / bpm;
        SplittableRandom noise = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            int eighth = (int) Math.floor(t / (beat / 2));
            double sinceEighth = t - eighth * beat / 2;
            int beatIndex = eighth / 2;
            double v = 0;
            if (eighth % 2 == 0) {
                v += 0.6 * Math.sin(2 * Math.PI * 55 * sinceEighth) * Math.exp(-sinceEighth * 18);
                if (beatIndex % 2 == 1) {
                    v += 0.35 * (noise.nextDouble() * 2 - 1) * Math.exp(-sinceEighth * 25);
                }
            }
            v += 0.12 * (noise.nextDouble() * 2 - 1) * Math.exp(-sinceEighth * 120);
            v += 0.15 * Math.sin(2 * Math.PI * 110 * t);
            x[i] = v;
        }
        return write(file, x, sampleRate, channels);
    }

    /** A sine of {@code amplitude} (0..1 of full scale) at {@code hz}. */
    static Path sine(Path file, double hz, double amplitude, double seconds, int sampleRate) throws IOException {
        int n = (int) Math.round(seconds * sampleRate);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate);
        }
        return write(file, x, sampleRate, 1);
    }

    static Path write(Path file, double[] mono, int sampleRate, int channels) throws IOException {
        byte[] bytes = new byte[mono.length * 2 * channels];
        for (int i = 0; i < mono.length; i++) {
            int s = (int) Math.round(Math.max(-1, Math.min(1, mono[i])) * 32767);
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                bytes[at] = (byte) s;
                bytes[at + 1] = (byte) (s >> 8);
            }
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, mono.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
