package parallellab.work;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagException;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v11Tag;
import org.jaudiotagger.tag.id3.ID3v1Tag;
import org.jaudiotagger.tag.id3.ID3v22Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;

/**
 * Reads an mp3's tag and header with jaudiotagger's parsers, skipping the work {@code MP3File} does
 * that a scan does not need.
 *
 * <p>A profile of {@code AudioFileIO.read} on mp3s shows three costs beyond parsing the tag: every
 * ID3v2.3 tag is copied into a second, ID3v2.4 tag (with date parsing) in case it is edited later;
 * the ID3v1 reader is tried even when an ID3v2 tag was found, and when the file has no ID3v1 tag it
 * says so by throwing two exceptions (filling in two stack traces); and the Lyrics3 block is looked
 * for. Here the ID3v2 tag is parsed once, in its own version, and the ID3v1 tag only when the last
 * 128 bytes start with "TAG".
 *
 * <p>Two repairs make it read what mutagen and most players read, where {@code MP3File} does not:
 * when a file has both tags, both are returned and merged field by field, ID3v2 winning (an album
 * only the old v1 tag holds is kept); and a malformed text frame (an encoding byte that is not 0-3)
 * is dropped before parsing, because jaudiotagger stops at it and loses every frame after it.
 */
final class TunedMp3Reader {

    /**
     * jaudiotagger's {@code MPEGFrameHeader.parseMPEGHeader} copies every frame header into ONE static
     * byte array and keeps a reference to it, so two threads reading mp3 headers at once overwrite each
     * other's header: a stereo file comes back mono, its duration off. A data race in a library, found by
     * comparing a threaded scan with the sequential one. Every mp3 header read in this JVM holds this
     * lock; the tag parsing around it still runs in parallel.
     */
    static final Object MPEG_HEADER_LOCK = new Object();

    private static final int ID3V2_HEADER = 10;
    private static final int ID3V1_LENGTH = 128;

    /** What a scan wants from an audio file: the header, the ID3v2 tag (or the v1 tag when alone), and the v1 tag. */
    record HeaderAndTag(AudioHeader header, Tag tag, Tag v1) {}

    private TunedMp3Reader() {}

    static HeaderAndTag read(Path file) throws IOException, InvalidAudioFrameException {
        String name = file.getFileName().toString();
        Tag tag = null;
        Tag v1 = null;
        long audioStart = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            byte[] head = new byte[ID3V2_HEADER];
            if (length >= ID3V2_HEADER) {
                raf.readFully(head);
            }
            if (head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
                audioStart = ID3V2_HEADER + syncsafe(head, 6) + ((head[5] & 0x10) != 0 ? ID3V2_HEADER : 0);
                byte[] bytes = new byte[(int) Math.min(audioStart, length)];
                raf.seek(0);
                raf.readFully(bytes);
                tag = id3v2(head[3], ByteBuffer.wrap(repaired(bytes)), name);
            }
            if (length >= ID3V1_LENGTH) {
                byte[] tail = new byte[ID3V1_LENGTH];
                raf.seek(length - ID3V1_LENGTH);
                raf.readFully(tail);
                if (tail[0] == 'T' && tail[1] == 'A' && tail[2] == 'G') {
                    v1 = id3v1(raf, tail, name);
                }
            }
        }
        MP3AudioHeader header;
        synchronized (MPEG_HEADER_LOCK) {
            header = new MP3AudioHeader(file.toFile(), audioStart);
        }
        return new HeaderAndTag(header, tag != null ? tag : v1, tag != null ? v1 : null);
    }

    /** A broken ID3v2 tag does not stop MP3File reading the audio: it just has no tag. */
    private static AbstractID3v2Tag id3v2(byte version, ByteBuffer bytes, String name) {
        try {
            return switch (version) {
                case 2 -> new ID3v22Tag(bytes, name);
                case 3 -> new ID3v23Tag(bytes, name);
                case 4 -> new ID3v24Tag(bytes, name);
                default -> null;
            };
        } catch (TagException | RuntimeException e) {
            return null;
        }
    }

    /** ID3v1.1 keeps a track number in the last two bytes of the comment: a zero, then the track. */
    private static Tag id3v1(RandomAccessFile raf, byte[] tail, String name) {
        try {
            boolean v11 = tail[125] == 0 && tail[126] != 0;
            return v11 ? new ID3v11Tag(raf, name) : new ID3v1Tag(raf, name);
        } catch (IOException | TagException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The tag with its trailing padding (zeros left for later edits) and its malformed text frames
     * cut out, in our in-memory copy. jaudiotagger learns that frames have ended by throwing and
     * catching a PaddingException when it meets the zeros; a tag that ends with its last frame ends
     * its loop without one. A text frame whose encoding byte is not 0-3 makes it stop reading
     * frames altogether; mutagen drops just that frame, and so do we.
     */
    static byte[] repaired(byte[] tag) {
        int version = tag[3];
        boolean unsynchronised = (tag[5] & 0x80) != 0;
        boolean extendedHeader = (tag[5] & 0x40) != 0;
        boolean footer = (tag[5] & 0x10) != 0;
        if (version < 2 || version > 4 || unsynchronised || extendedHeader || footer) {
            return tag; // rare layouts: leave them to jaudiotagger as they are
        }
        int idLength = version == 2 ? 3 : 4;
        int headerLength = version == 2 ? 6 : 10;
        ByteArrayOutputStream kept = new ByteArrayOutputStream(tag.length);
        kept.write(tag, 0, ID3V2_HEADER);
        boolean dropped = false;
        int at = ID3V2_HEADER;
        while (at + headerLength <= tag.length && isFrameIdStart(tag[at])) {
            int size = version == 2 ? (tag[at + 3] & 0xFF) << 16 | (tag[at + 4] & 0xFF) << 8 | (tag[at + 5] & 0xFF)
                    : version == 4 ? syncsafe(tag, at + idLength) : bigEndianInt(tag, at + idLength);
            if (size <= 0 || at + headerLength + size > tag.length) {
                return tag; // not what we expect: let jaudiotagger judge it
            }
            boolean badText = tag[at] == 'T' && (tag[at + headerLength] & 0xFF) > 3;
            if (badText) {
                dropped = true;
            } else {
                kept.write(tag, at, headerLength + size);
            }
            at += headerLength + size;
        }
        boolean padding = at < tag.length && tag[at] == 0;
        if (!dropped && !padding) {
            return tag;
        }
        byte[] trimmed = kept.toByteArray();
        int size = trimmed.length - ID3V2_HEADER;
        trimmed[6] = (byte) (size >> 21 & 0x7F);
        trimmed[7] = (byte) (size >> 14 & 0x7F);
        trimmed[8] = (byte) (size >> 7 & 0x7F);
        trimmed[9] = (byte) (size & 0x7F);
        return trimmed;
    }

    private static boolean isFrameIdStart(byte b) {
        return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int syncsafe(byte[] b, int at) {
        return (b[at] & 0x7F) << 21 | (b[at + 1] & 0x7F) << 14 | (b[at + 2] & 0x7F) << 7 | (b[at + 3] & 0x7F);
    }
}
