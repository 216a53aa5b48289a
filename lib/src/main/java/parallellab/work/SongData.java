package parallellab.work;

import java.io.Serializable;

/**
 * What one audio file says about itself: its tags and its stream header.
 *
 * <p>The Java twin of the post's {@code SongData.from_file}. It is an immutable record so that
 * results from any scanner, thread or worker JVM compare with {@code equals}. Missing text is the
 * empty string and a missing number is 0: a result never holds a null.
 */
public record SongData(
        String format,
        String title,
        String artist,
        String album,
        int track,
        int year,
        String genre,
        double durationSeconds,
        int sampleRate,
        int channels,
        int bitrateKbps,
        long fileSize) implements Serializable {

    public SongData {
        format = orEmpty(format);
        title = orEmpty(title);
        artist = orEmpty(artist);
        album = orEmpty(album);
        genre = orEmpty(genre);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
