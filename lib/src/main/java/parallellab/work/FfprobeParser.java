package parallellab.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON of {@code ffprobe -show_format -show_streams -of json} into a {@link SongData}.
 *
 * <p>Tags live in {@code format.tags} for most containers but in the audio stream's tags for Ogg, and
 * their keys come in any case ({@code TITLE}, {@code title}): both places are merged, keys compared
 * without case. The format is named the way {@link AudioFormatSniffer} names it.
 */
final class FfprobeParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** ffprobe printed something that is not its JSON, or a file without audio. */
    static final class UnreadableOutputException extends Exception {
        UnreadableOutputException(String message) {
            super(message);
        }
    }

    private FfprobeParser() {}

    static SongData parse(String json, long fileSize) throws UnreadableOutputException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableOutputException("ffprobe printed no JSON: " + TagReader.describe(e));
        }
        JsonNode format = root.path("format");
        JsonNode audio = null;
        for (JsonNode stream : root.path("streams")) {
            if (stream.path("codec_type").asText().equals("audio")) {
                audio = stream;
                break;
            }
        }
        if (audio == null) {
            throw new UnreadableOutputException("not an audio file (ffprobe found no audio stream)");
        }
        Map<String, String> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        putAll(tags, audio.path("tags"));
        putAll(tags, format.path("tags"));
        double duration = number(format, "duration");
        if (duration <= 0) {
            duration = number(audio, "duration");
        }
        double bitRate = number(audio, "bit_rate");
        if (bitRate <= 0) {
            bitRate = number(format, "bit_rate");
        }
        String name = formatName(format.path("format_name").asText(), audio.path("codec_name").asText());
        if (number(audio, "sample_rate") <= 0 || duration <= 0) {
            // ffprobe trusts the extension and "opens" garbage named .flac as an empty FLAC stream.
            throw new UnreadableOutputException("truncated or corrupt " + name + ": ffprobe found no playable audio");
        }
        return new SongData(
                name,
                tags.getOrDefault("title", ""),
                tags.getOrDefault("artist", ""),
                tags.getOrDefault("album", ""),
                TagReader.leadingNumber(first(tags, "track", "tracknumber")),
                TagReader.leadingNumber(first(tags, "date", "year")),
                TagReader.genre(tags.getOrDefault("genre", "")),
                duration,
                (int) number(audio, "sample_rate"),
                audio.path("channels").asInt(0),
                (int) Math.round(bitRate / 1000),
                fileSize);
    }

    private static void putAll(Map<String, String> tags, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tags.putIfAbsent(e.getKey(), e.getValue().asText());
        }
    }

    private static String first(Map<String, String> tags, String... keys) {
        for (String key : keys) {
            String value = tags.get(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    /** ffprobe prints most numbers as strings ("44100"); "N/A" and absence are 0. */
    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "mov,mp4,m4a,3gp,3g2,mj2" is an m4a, "ogg" with a FLAC codec is still an ogg file. */
    static String formatName(String container, String codec) {
        String c = container.toLowerCase(Locale.ROOT);
        if (c.contains("mp4") || c.contains("m4a") || c.contains("mov")) {
            return "m4a";
        }
        return switch (c) {
            case "aiff" -> "aif";
            case "mp3", "flac", "ogg", "wav" -> c;
            default -> c.isEmpty() ? codec : c;
        };
    }
}
