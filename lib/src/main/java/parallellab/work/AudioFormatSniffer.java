package parallellab.work;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a file's real audio format from its first bytes, whatever its name says.
 *
 * <p>Libraries collected over years hold an mp3 renamed to {@code .flac} and the like. Trusting the
 * extension sends such a file to the wrong parser, which then reports it as corrupt; a dozen bytes
 * of "magic" settle it for the price of one small read. Returns the extension jaudiotagger expects
 * for the format ({@code mp3}, {@code flac}, {@code ogg}, {@code m4a}, {@code wav}, {@code aif}),
 * or {@code aac} for raw AAC, which has its own reader ({@link AacReader}).
 */
public final class AudioFormatSniffer {

    private static final int HEADER_BYTES = 12;

    private AudioFormatSniffer() {}

    /** The format the file's first bytes announce, or empty when they announce no audio format. */
    public static Optional<String> sniff(Path file) throws IOException {
        byte[] head = new byte[HEADER_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, HEADER_BYTES);
        }
        return sniff(head, n);
    }

    /** The format announced by the first {@code length} bytes of {@code head}. */
    public static Optional<String> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, "ID3")) {
            return Optional.of("mp3");
        }
        if (AacReader.isAac(head, length)) {
            return Optional.of("aac"); // raw AAC: an ADIF header, or an ADTS frame (MPEG sync with layer 0)
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of("mp3"); // an MPEG audio frame sync: an mp3 without an ID3v2 tag
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return Optional.of("flac");
        }
        if (startsWith(head, length, 0, "OggS")) {
            return Optional.of("ogg");
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return Optional.of("m4a");
        }
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return Optional.of("wav");
        }
        if (startsWith(head, length, 0, "FORM") && (startsWith(head, length, 8, "AIFF") || startsWith(head, length, 8, "AIFC"))) {
            return Optional.of("aif");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int offset, String magic) {
        if (length < offset + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[offset + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
