package parallellab.work;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the text of {@code sox --i FILE} into a {@link SongData}: "Name : value" lines, then the
 * comments as "key=value" lines. sox reads wav, flac, ogg and (with its mp3 handler) mp3, but not m4a.
 */
final class SoxInfoParser {

    private SoxInfoParser() {}

    static SongData parse(String text, long fileSize) {
        Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        boolean inComments = false;
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (!inComments && colon > 0) {
                String name = line.substring(0, colon).strip();
                fields.put(name, line.substring(colon + 1).strip());
                inComments = name.equalsIgnoreCase("Comments");
            } else if (inComments && line.indexOf('=') > 0) {
                int eq = line.indexOf('=');
                tags.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new SongData(
                format(fields.getOrDefault("Sample Encoding", ""), fields.getOrDefault("Input File", "")),
                tags.getOrDefault("title", ""),
                tags.getOrDefault("artist", ""),
                tags.getOrDefault("album", ""),
                TagReader.leadingNumber(tags.getOrDefault("tracknumber", tags.getOrDefault("track", ""))),
                TagReader.leadingNumber(tags.getOrDefault("date", tags.getOrDefault("year", ""))),
                TagReader.genre(tags.getOrDefault("genre", "")),
                duration(fields.getOrDefault("Duration", "")),
                TagReader.leadingNumber(fields.getOrDefault("Sample Rate", "")),
                TagReader.leadingNumber(fields.getOrDefault("Channels", "")),
                kilo(fields.getOrDefault("Bit Rate", "")),
                fileSize);
    }

    /** "00:00:06.00 = 264600 samples ..." → 6.0 s. */
    private static double duration(String s) {
        String hms = s.split(" ")[0];
        String[] parts = hms.split(":");
        double seconds = 0;
        try {
            for (String part : parts) {
                seconds = seconds * 60 + Double.parseDouble(part);
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return seconds;
    }

    /** "108k" → 108, "1.41M" → 1410. */
    private static int kilo(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("k")) {
                return (int) Math.round(Double.parseDouble(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return (int) Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            }
            return t.isEmpty() ? 0 : (int) Math.round(Double.parseDouble(t) / 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String format(String encoding, String inputFile) {
        String e = encoding.toLowerCase(Locale.ROOT);
        if (e.contains("flac")) {
            return "flac";
        }
        if (e.contains("vorbis")) {
            return "ogg";
        }
        if (e.contains("mpeg") || e.contains("mp3")) {
            return "mp3";
        }
        if (e.contains("pcm") || e.contains("signed integer")) {
            String name = inputFile.toLowerCase(Locale.ROOT).replace("'", "");
            return name.endsWith(".aif") || name.endsWith(".aiff") ? "aif" : "wav";
        }
        return e;
    }
}
