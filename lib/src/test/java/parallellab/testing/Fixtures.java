package parallellab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small audio files made in the test itself, for tests that must run without the bundled library:
 * a WAV is simple enough to write by hand, tags included (a RIFF INFO list).
 */
public final class Fixtures {

    private Fixtures() {}

    /** Writes a silent 16-bit PCM WAV of {@code seconds} with an INFO title and artist. */
    public static Path wav(Path file, double seconds, int sampleRate, int channels, String title, String artist) throws IOException {
        int frames = (int) Math.round(seconds * sampleRate);
        int dataBytes = frames * channels * 2;
        byte[] info = infoList(title, artist);
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes + info.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes + info.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put(ascii("data")).putInt(dataBytes);
        for (int i = 0; i < frames * channels; i++) {
            b.putShort((short) (Math.sin(i * 0.05) * 8000));
        }
        b.put(info);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
        return file;
    }

    private static byte[] infoList(String title, String artist) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunk(chunks, "INAM", title);
        chunk(chunks, "IART", artist);
        byte[] body = chunks.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("LIST")).putInt(4 + body.length).put(ascii("INFO")).put(body);
        return b.array();
    }

    private static void chunk(ByteArrayOutputStream out, String id, String text) {
        byte[] value = (text + "\0").getBytes(StandardCharsets.UTF_8);
        int padded = value.length + (value.length % 2);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii(id)).putInt(value.length).put(value);
        out.writeBytes(b.array());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first {@code bytes} of {@code source}, as a truncated copy at {@code target}. */
    public static Path truncatedCopy(Path source, Path target, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
        return target;
    }
}
