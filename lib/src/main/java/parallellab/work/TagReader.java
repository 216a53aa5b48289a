package parallellab.work;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.exceptions.CannotReadVideoException;
import org.jaudiotagger.audio.mp4.Mp4TagReader;
import org.jaudiotagger.audio.generic.GenericAudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.datatype.DataTypes;
import org.jaudiotagger.tag.id3.AbstractID3v2Frame;
import org.jaudiotagger.tag.id3.framebody.FrameBodyUnsupported;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v22Tag;
import org.jaudiotagger.tag.reference.GenreTypes;

/**
 * Reads one file's tags and stream header into a {@link SongData} with jaudiotagger: the Java
 * {@code SongData.from_file}.
 *
 * <p>The format is taken from the file's first bytes ({@link AudioFormatSniffer}), not its name, and
 * the file is parsed as that format, so an mp3 named {@code .flac} reads fine and reports "mp3".
 * jaudiotagger opens files read-only for reading. Tag values are normalised the way a learner
 * expects: "3/12" is track 3, "2004-05-01" is year 2004, ID3's "(17)" is "Rock".
 */
public final class TagReader {

    static {
        JaudiotaggerLogging.silence();
    }

    private TagReader() {}

    /** Reads {@code file}, already known to be {@code format}, the way {@code reading} says. */
    public static SongData read(Path file, String format, TagReading reading) throws Exception {
        File f = file.toFile();
        SongData song;
        if (format.equals("aac")) {
            return AacReader.read(file); // jaudiotagger has no raw AAC reader, tuned or not
        }
        if (format.equals("m4a")) {
            requireSaneFtyp(file);
        }
        if (reading == TagReading.TUNED && format.equals("flac")) {
            return TunedFlacReader.read(file);
        }
        if (reading == TagReading.TUNED && format.equals("mp3")) {
            TunedMp3Reader.HeaderAndTag mp3 = TunedMp3Reader.read(file);
            song = songData(mp3.header(), mp3.tag(), format, Files.size(file));
            if (mp3.v1() != null) {
                song = merged(song, songData(mp3.header(), mp3.v1(), format, song.fileSize()));
            }
        } else {
            AudioFile audio;
            try {
                audio = reading == TagReading.TUNED && format.equals("ogg")
                        ? new TunedOggFileReader().read(f)
                        : readAsIs(f, format);
            } catch (CannotReadVideoException video) {
                if (reading != TagReading.TUNED) {
                    throw video;
                }
                return videoWithAudio(file, video);
            }
            song = songData(audio.getAudioHeader(), audio.getTag(), format, Files.size(file));
        }
        if (song.durationSeconds() <= 0 || song.bitrateKbps() < 0) {
            throw new TruncatedAudioException("no audio data after the header");
        }
        if (format.equals("ogg") && reading == TagReading.JAUDIOTAGGER_AS_IS && !OggTail.endsWithEndOfStreamPage(file)) {
            throw new TruncatedAudioException("the last Ogg page is not marked end-of-stream (truncated?)");
        }
        return song;
    }

    /**
     * An MP4 with a video track, which jaudiotagger refuses: its tags from jaudiotagger's MP4 tag
     * reader, its audio track's header from {@link Mp4AudioTrack}; the bit rate is left at 0.
     */
    private static SongData videoWithAudio(Path file, CannotReadVideoException video) throws Exception {
        Mp4AudioTrack.Info audio = Mp4AudioTrack.read(file).orElseThrow(() -> video);
        SongData tags = songData(null, new Mp4TagReader().read(file), "m4a", Files.size(file));
        return new SongData("m4a", tags.title(), tags.artist(), tags.album(), tags.track(), tags.year(), tags.genre(),
                audio.seconds(), audio.sampleRate(), audio.channels(), 0, tags.fileSize());
    }

    /**
     * An MP4's first box, {@code ftyp}, is a few dozen bytes. jaudiotagger allocates what its size
     * field claims and then lists that many "compatible brands": with one flipped bit in the size it
     * computes for seconds or minutes, never reading, deaf to an interrupt. We check the size first.
     */
    private static void requireSaneFtyp(Path file) throws IOException {
        byte[] head = new byte[8];
        long size;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 8) < 8) {
                throw new java.io.EOFException();
            }
            size = Files.size(file);
        }
        long box = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        if (box < 8 || box > Math.min(size, MAX_FTYP)) {
            throw new IOException("the ftyp box claims " + box + " bytes (the file has " + size + ")");
        }
    }

    private static final long MAX_FTYP = 4096;

    /** ID3v2 and ID3v1 merged field by field, as mutagen and most players do: v2 wins where it has a value. */
    private static SongData merged(SongData v2, SongData v1) {
        return new SongData(v2.format(), or(v2.title(), v1.title()), or(v2.artist(), v1.artist()), or(v2.album(), v1.album()),
                v2.track() != 0 ? v2.track() : v1.track(), v2.year() != 0 ? v2.year() : v1.year(), or(v2.genre(), v1.genre()),
                v2.durationSeconds(), v2.sampleRate(), v2.channels(), v2.bitrateKbps(), v2.fileSize());
    }

    private static String or(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    /** The file ends before its own headers say it should. */
    static final class TruncatedAudioException extends Exception {
        TruncatedAudioException(String message) {
            super(message);
        }
    }

    private static SongData songData(AudioHeader header, Tag tag, String format, long size) {
        return new SongData(
                format,
                text(tag, FieldKey.TITLE),
                text(tag, FieldKey.ARTIST),
                text(tag, FieldKey.ALBUM),
                leadingNumber(text(tag, FieldKey.TRACK)),
                year(tag),
                genre(rawGenre(tag)),
                header == null ? 0 : header.getPreciseTrackLength(),
                header == null ? 0 : header.getSampleRateAsNumber(),
                channels(header),
                header == null ? 0 : (int) header.getBitRateAsNumber(),
                size);
    }

    private static String text(Tag tag, FieldKey key) {
        if (tag == null) {
            return "";
        }
        try {
            String value = tag.getFirst(key);
            return value == null ? "" : value.replace('\0', ' ').strip(); // RIFF INFO strings end in NUL
        } catch (UnsupportedOperationException e) {
            return ""; // a tag format without this field (an ID3v1 tag has no disc number, say)
        }
    }

    /**
     * The genre as stored. For ID3v2, jaudiotagger's GENRE field converts "(17)" to "Rock" by trying
     * Integer.parseInt on every genre and catching the NumberFormatException, a stack trace per file;
     * reading the TCON frame's text and converting it in {@link #genre} gives the same answer.
     */
    private static String rawGenre(Tag tag) {
        if (tag instanceof AbstractID3v2Tag id3) {
            String value = id3.getFirst(id3 instanceof ID3v22Tag ? "TCO" : "TCON");
            return value == null ? "" : value.replace('\0', ' ').strip();
        }
        return text(tag, FieldKey.GENRE);
    }

    /**
     * Some taggers write ID3v2.4's date frame (TDRC) into an ID3v2.3 tag. jaudiotagger keeps it as an
     * "unsupported" frame of raw bytes and its YEAR field (TYER in v2.3) stays empty; mutagen reads
     * the year, and so do we, from the raw text (an encoding byte, then the digits).
     */
    private static int year(Tag tag) {
        int year = leadingNumber(text(tag, FieldKey.YEAR));
        if (year != 0 || !(tag instanceof AbstractID3v2Tag id3)) {
            return year;
        }
        for (Iterator<TagField> fields = id3.getFields(); fields.hasNext(); ) {
            TagField field = fields.next();
            if (DATE_FRAMES.contains(field.getId()) && field instanceof AbstractID3v2Frame frame
                    && frame.getBody() instanceof FrameBodyUnsupported raw
                    && raw.getObjectValue(DataTypes.OBJ_DATA) instanceof byte[] bytes && bytes.length > 1) {
                int found = leadingNumber(new String(bytes, 1, bytes.length - 1, StandardCharsets.ISO_8859_1).strip());
                if (found > 0) {
                    return found;
                }
            }
        }
        return 0;
    }

    private static final Set<String> DATE_FRAMES = Set.of("TDRC", "TYER", "TYE");

    private static int channels(AudioHeader header) {
        if (header instanceof GenericAudioHeader generic && generic.getChannelNumber() > 0) {
            return generic.getChannelNumber();
        }
        if (header instanceof MP3AudioHeader mp3) {
            return mp3.getChannels().toLowerCase(Locale.ROOT).contains("mono") ? 1 : 2;
        }
        return header == null || header.getChannels() == null ? 0 : leadingNumber(header.getChannels().strip());
    }

    /** "3/12" → 3, "2004-05-01" → 2004, "" or "x" → 0. */
    static int leadingNumber(String s) {
        int i = 0;
        long n = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && n < Integer.MAX_VALUE / 10) {
            n = n * 10 + Character.digit(s.charAt(i), 10);
            i++;
        }
        return (int) n;
    }

    /** ID3 may store a genre as its number, "(17)" or "17": give the name, as mutagen does. */
    static String genre(String raw) {
        String s = raw.strip();
        String digits = s.startsWith("(") && s.indexOf(')') > 1 ? s.substring(1, s.indexOf(')')) : s;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() <= 3) {
            String name = GenreTypes.getInstanceOf().getValueForId(Integer.parseInt(digits));
            if (name != null) {
                return name;
            }
        }
        return s;
    }

    /** For failure messages: the first line of what went wrong, without a Java class name where possible. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }


    /** jaudiotagger's own reader; an mp3's header under the lock its shared header buffer needs ({@link TunedMp3Reader#MPEG_HEADER_LOCK}). */
    private static AudioFile readAsIs(java.io.File f, String format) throws Exception {
        if (!format.equals("mp3")) {
            return AudioFileIO.readAs(f, format);
        }
        synchronized (TunedMp3Reader.MPEG_HEADER_LOCK) {
            return AudioFileIO.readAs(f, format);
        }
    }
}
