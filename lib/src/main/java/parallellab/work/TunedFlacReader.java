package parallellab.work;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a FLAC's tags and stream header in one read of its first 8 KiB (more only past cover art), the way mutagen does.
 *
 * <p>jaudiotagger opens a FLAC twice (once for the header, once for the tag), reads every metadata
 * block into objects, cover art included, and trusts every block's declared size: one PICTURE or
 * VORBIS_COMMENT block whose size field is wrong (some taggers write them so) throws it off the
 * rails, and the file loses its tags or fails. Here the blocks are walked in memory, only
 * STREAMINFO and VORBIS_COMMENT are decoded, and those two kinds, with PICTURE, are measured by
 * parsing their contents rather than by their size field, as mutagen and the reference decoder do.
 * The numbers are computed exactly as jaudiotagger computes them, so both readers give the same
 * {@link SongData} on a sound file.
 */
final class TunedFlacReader {

    private static final int HEAD_BYTES = 8 * 1024;
    private static final int STREAMINFO = 0;
    private static final int VORBIS_COMMENT = 4;
    private static final int PICTURE = 6;

    private TunedFlacReader() {}

    static SongData read(Path file) throws IOException, TagReader.TruncatedAudioException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Blocks blocks = new Blocks(channel, size);
            long at = blocks.skipId3v2();
            if (!blocks.startsWith(at, "fLaC")) {
                throw new IOException("not a FLAC stream (no fLaC marker)");
            }
            at += 4;
            StreamInfo info = null;
            Map<String, String> tags = Map.of();
            boolean last = false;
            while (!last) {
                int header = blocks.intAt(at, 4, ByteOrder.BIG_ENDIAN);
                last = (header & 0x80000000) != 0;
                int type = header >>> 24 & 0x7F;
                int length = header & 0xFFFFFF;
                at += 4;
                switch (type) {
                    case STREAMINFO -> {
                        if (length < 34) {
                            throw new IOException("FLAC StreamInfo block is too short (" + length + " bytes)");
                        }
                        info = StreamInfo.parse(blocks.bytes(at, 18));
                        at += length;
                    }
                    case VORBIS_COMMENT -> {
                        Comments comments = Comments.parse(blocks, at);
                        if (tags.isEmpty()) {
                            tags = comments.first();
                        }
                        at = comments.end();
                    }
                    case PICTURE -> at = pictureEnd(blocks, at);
                    default -> at += length;
                }
                if (at > size) {
                    throw new EOFException();
                }
            }
            if (info == null) {
                throw new IOException("FLAC file has no StreamInfo block");
            }
            return info.song(tags, size, at);
        }
    }

    /** A PICTURE block's real end: its fields say how long its strings and its image are. */
    private static long pictureEnd(Blocks blocks, long at) throws IOException {
        long p = at + 4;
        p += 4 + blocks.unsignedInt(p, ByteOrder.BIG_ENDIAN); // MIME type
        p += 4 + blocks.unsignedInt(p, ByteOrder.BIG_ENDIAN); // description
        p += 16; // width, height, depth, colours
        return p + 4 + blocks.unsignedInt(p, ByteOrder.BIG_ENDIAN);
    }

    /** STREAMINFO's numbers, and {@link SongData} from them computed as jaudiotagger does. */
    private record StreamInfo(int sampleRate, int channels, long samples) {
        static StreamInfo parse(byte[] b) {
            int rate = (b[10] & 0xFF) << 12 | (b[11] & 0xFF) << 4 | (b[12] & 0xFF) >> 4;
            int channels = ((b[12] & 0x0E) >> 1) + 1;
            long samples = (long) (b[13] & 0x0F) << 32 | (long) (b[14] & 0xFF) << 24 | (b[15] & 0xFF) << 16 | (b[16] & 0xFF) << 8 | (b[17] & 0xFF);
            return new StreamInfo(rate, channels, samples);
        }

        SongData song(Map<String, String> tags, long fileSize, long audioStart) throws TagReader.TruncatedAudioException {
            // jaudiotagger keeps the length as a float and the bit rate as kilobytes * 8 / length.
            float length = sampleRate == 0 ? 0 : (float) ((double) samples / sampleRate);
            int bitrate = (int) ((float) ((fileSize - audioStart) / 1000 * 8) / length);
            if (length <= 0 || bitrate < 0) {
                throw new TagReader.TruncatedAudioException("no audio data after the header");
            }
            return new SongData("flac", tag(tags, "TITLE"), tag(tags, "ARTIST"), tag(tags, "ALBUM"),
                    TagReader.leadingNumber(tag(tags, "TRACKNUMBER")), TagReader.leadingNumber(tag(tags, "DATE")),
                    TagReader.genre(tag(tags, "GENRE")), length, sampleRate, channels, bitrate, fileSize);
        }

        private static String tag(Map<String, String> tags, String key) {
            return tags.getOrDefault(key, "").replace('\0', ' ').strip();
        }
    }

    /** A VORBIS_COMMENT block: the first value of each field, and where the block really ends. */
    private record Comments(Map<String, String> first, long end) {
        static Comments parse(Blocks blocks, long at) throws IOException {
            long p = at + 4 + blocks.unsignedInt(at, ByteOrder.LITTLE_ENDIAN); // vendor string
            long count = blocks.unsignedInt(p, ByteOrder.LITTLE_ENDIAN);
            p += 4;
            Map<String, String> first = new HashMap<>();
            for (long i = 0; i < count; i++) {
                long length = blocks.unsignedInt(p, ByteOrder.LITTLE_ENDIAN);
                p += 4;
                if (length > Integer.MAX_VALUE) {
                    throw new IOException("a Vorbis comment declares " + length + " bytes");
                }
                String comment = new String(blocks.bytes(p, (int) length), StandardCharsets.UTF_8);
                p += length;
                int eq = comment.indexOf('=');
                if (eq > 0) {
                    first.putIfAbsent(comment.substring(0, eq).toUpperCase(Locale.ROOT), comment.substring(eq + 1));
                }
            }
            return new Comments(first, p);
        }
    }

    /** The file's bytes, from one buffer of its head, or read on demand for blocks beyond it. */
    private static final class Blocks {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer head;

        Blocks(FileChannel channel, long size) throws IOException {
            this.channel = channel;
            this.size = size;
            this.head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
            while (head.hasRemaining() && channel.read(head) > 0) {
                // fill the head buffer
            }
            head.flip();
        }

        /** Where the FLAC stream starts: after an ID3v2 tag, which some taggers put in front. */
        long skipId3v2() throws IOException {
            if (!startsWith(0, "ID3")) {
                return 0;
            }
            byte[] h = bytes(0, 10);
            long tagSize = (h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F);
            return 10 + tagSize + ((h[5] & 0x10) != 0 ? 10 : 0);
        }

        boolean startsWith(long at, String magic) throws IOException {
            if (at + magic.length() > size) {
                return false;
            }
            byte[] b = bytes(at, magic.length());
            for (int i = 0; i < b.length; i++) {
                if (b[i] != (byte) magic.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        long unsignedInt(long at, ByteOrder order) throws IOException {
            return intAt(at, 4, order) & 0xFFFFFFFFL;
        }

        int intAt(long at, int length, ByteOrder order) throws IOException {
            return ByteBuffer.wrap(bytes(at, length)).order(order).getInt();
        }

        byte[] bytes(long at, int length) throws IOException {
            if (at < 0 || at + length > size) {
                throw new EOFException();
            }
            byte[] out = new byte[length];
            if (at + length <= head.limit()) {
                head.get((int) at, out);
                return out;
            }
            ByteBuffer b = ByteBuffer.wrap(out);
            while (b.hasRemaining()) {
                if (channel.read(b, at + b.position()) < 0) {
                    throw new EOFException();
                }
            }
            return out;
        }
    }
}
