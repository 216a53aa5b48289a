package parallellab.work;

import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;
import parallellab.gil.Gil;

/**
 * Cuts a stream of samples into overlapping windowed frames and hands each frame's magnitude
 * spectrum to its listeners: the short-time Fourier transform, computed as the samples arrive.
 *
 * <p>Streaming keeps memory flat (one frame, never the whole signal). The overlap is the
 * trade-off: a hop of a quarter frame gives onsets a fine time grid, at four FFTs per frame's worth
 * of audio. This is the hot loop of the {@code analyze} workload, so it offers the simulated GIL
 * once per frame. Everything runs on the calling thread in a fixed order, and the analysis uses
 * {@code StrictMath} (not {@code Math}, whose intrinsics may differ between JVMs), so results are
 * bit-identical in any thread or JVM: scanners are compared with {@code equals}.
 */
public final class ShortTimeFourier {

    /** Receives one magnitude spectrum per frame; the array is reused, so copy what you keep. */
    @FunctionalInterface
    public interface FrameListener {
        void onFrame(double[] magnitudes);
    }

    private final int frameSize;
    private final int hop;
    private final List<FrameListener> listeners;
    private final DoubleFFT_1D fft;
    private final double[] window;
    private final double[] pending;
    private final double[] spectrum;
    private final double[] magnitudes;
    private int filled;
    private long frames;

    /** {@code frameSize} must be a power of two; {@code hop} at most {@code frameSize}. */
    public ShortTimeFourier(int frameSize, int hop, List<FrameListener> listeners) {
        if (Integer.bitCount(frameSize) != 1 || hop <= 0 || hop > frameSize) {
            throw new IllegalArgumentException("frame size must be a power of two and 0 < hop <= frame size");
        }
        this.frameSize = frameSize;
        this.hop = hop;
        this.listeners = List.copyOf(listeners);
        this.fft = new DoubleFFT_1D(frameSize);
        this.window = hann(frameSize);
        this.pending = new double[frameSize];
        this.spectrum = new double[frameSize];
        this.magnitudes = new double[frameSize / 2 + 1];
    }

    public int frameSize() {
        return frameSize;
    }

    public int hop() {
        return hop;
    }

    /** How many frames have been transformed so far. */
    public long frames() {
        return frames;
    }

    /** Adds {@code count} samples; every time a frame is complete it is transformed. */
    public void push(double[] samples, int count) {
        int offset = 0;
        while (offset < count) {
            int take = Math.min(count - offset, frameSize - filled);
            System.arraycopy(samples, offset, pending, filled, take);
            filled += take;
            offset += take;
            if (filled == frameSize) {
                transformFrame();
                System.arraycopy(pending, hop, pending, 0, frameSize - hop);
                filled = frameSize - hop;
            }
        }
    }

    private void transformFrame() {
        Gil.checkpoint();
        for (int i = 0; i < frameSize; i++) {
            spectrum[i] = pending[i] * window[i];
        }
        fft.realForward(spectrum);
        // JTransforms packs the real FFT as [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...].
        magnitudes[0] = Math.abs(spectrum[0]);
        magnitudes[frameSize / 2] = Math.abs(spectrum[1]);
        for (int k = 1; k < frameSize / 2; k++) {
            magnitudes[k] = Math.sqrt(spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1]);
        }
        frames++;
        for (FrameListener listener : listeners) {
            listener.onFrame(magnitudes);
        }
    }

    private static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * i / n);
        }
        return w;
    }
}
