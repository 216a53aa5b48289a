package parallellab.work;

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
 * for. Here the ID3v2 tag is parsed once, in its own version, and the ID3v1 tag only when there is no
 * ID3v2 tag and the last 128 bytes start with "TAG". The result equals {@code MP3File.getTag()}.
 */
final class TunedMp3Reader {

    private static final int ID3V2_HEADER = 10;
    private static final int ID3V1_LENGTH = 128;

    /** What a scan wants from an audio file. */
    record HeaderAndTag(AudioHeader header, Tag tag) {}

    private TunedMp3Reader() {}

    static HeaderAndTag read(Path file) throws IOException, InvalidAudioFrameException {
        String name = file.getFileName().toString();
        Tag tag = null;
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
                tag = id3v2(head[3], ByteBuffer.wrap(bytes), name);
            }
            if (tag == null && length >= ID3V1_LENGTH) {
                byte[] tail = new byte[ID3V1_LENGTH];
                raf.seek(length - ID3V1_LENGTH);
                raf.readFully(tail);
                if (tail[0] == 'T' && tail[1] == 'A' && tail[2] == 'G') {
                    tag = id3v1(raf, tail, name);
                }
            }
        }
        return new HeaderAndTag(new MP3AudioHeader(file.toFile(), audioStart), tag);
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

    private static int syncsafe(byte[] b, int at) {
        return (b[at] & 0x7F) << 21 | (b[at + 1] & 0x7F) << 14 | (b[at + 2] & 0x7F) << 7 | (b[at + 3] & 0x7F);
    }
}
