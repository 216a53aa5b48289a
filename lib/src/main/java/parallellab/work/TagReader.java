package parallellab.work;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.generic.GenericAudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
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
        if (reading == TagReading.TUNED && format.equals("mp3")) {
            TunedMp3Reader.HeaderAndTag mp3 = TunedMp3Reader.read(file);
            song = songData(mp3.header(), mp3.tag(), format, Files.size(file));
        } else {
            AudioFile audio = reading == TagReading.TUNED && format.equals("ogg")
                    ? new TunedOggFileReader().read(f)
                    : AudioFileIO.readAs(f, format);
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
                leadingNumber(text(tag, FieldKey.YEAR)),
                genre(text(tag, FieldKey.GENRE)),
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

    private static int channels(AudioHeader header) {
        if (header instanceof GenericAudioHeader generic) {
            return generic.getChannelNumber();
        }
        if (header instanceof MP3AudioHeader mp3) {
            return mp3.getChannels().toLowerCase(Locale.ROOT).contains("mono") ? 1 : 2;
        }
        return 0;
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

}
