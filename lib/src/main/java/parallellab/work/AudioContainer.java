package parallellab.work;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The kind of audio file, told from its first bytes ("magic numbers") rather than its name.
 *
 * <p>Extensions lie: the library holds an MP3 named {@code .flac}. Sniffing costs one small read
 * and picks the right decoder every time; an unknown header is reported instead of guessed.
 */
public enum AudioContainer {
    WAV, FLAC, MP3, OGG, M4A, UNKNOWN;

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int HEADER_BYTES = 12;

    /** The container whose signature starts {@code head} (which may be shorter than {@link #HEADER_BYTES}). */
    public static AudioContainer sniff(byte[] head, int length) {
        byte[] h = Arrays.copyOf(head, Math.max(length, HEADER_BYTES));
        if (startsWith(h, 0, "RIFF") && startsWith(h, 8, "WAVE")) return WAV;
        if (startsWith(h, 0, "fLaC")) return FLAC;
        if (startsWith(h, 0, "OggS")) return OGG;
        if (startsWith(h, 4, "ftyp")) return M4A;
        if (startsWith(h, 0, "ID3")) return MP3;
        // An MPEG audio frame starts with 11 set sync bits; layer bits 00 are reserved.
        if ((h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) != 0) return MP3;
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] data, int offset, String ascii) {
        byte[] sig = ascii.getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(data, offset, offset + sig.length, sig, 0, sig.length);
    }
}
