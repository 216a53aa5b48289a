package parallellab.work;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The light workload: read each file's tags and stream header, the post's {@code SongData.from_file}.
 *
 * <p>Mostly small reads at the start and end of each file, so it is I/O- and parser-bound: threads
 * help while a file waits for the disk, and a process pool mainly pays to start its workers. A file
 * that cannot be read becomes a {@link FileResult.Failed} with a one-line reason, never an exception.
 *
 * <p>{@code new TagsWorkload()} uses our tuned reader; {@link #jaudiotaggerAsIs()} uses jaudiotagger
 * untouched, the "before" picture of the profiling lesson (see {@link TagReading}).
 */
public record TagsWorkload(TagReading reading) implements Workload {

    public TagsWorkload {
        reading = reading == null ? TagReading.TUNED : reading;
    }

    /** The tuned reader, the default. */
    public TagsWorkload() {
        this(TagReading.TUNED);
    }

    /** jaudiotagger 3.0.1 as shipped, with its byte-by-byte search for the last Ogg page. */
    public static TagsWorkload jaudiotaggerAsIs() {
        return new TagsWorkload(TagReading.JAUDIOTAGGER_AS_IS);
    }

    @Override
    public String name() {
        return "tags";
    }

    /**
     * jaudiotagger puts the file's path, or its name, in many messages; the result already says
     * which file it is, so "the file" reads better, and the reasons of many files can be counted.
     */
    static String withoutPath(String message, Path file) {
        String path = file.toString();
        String name = file.getFileName() == null ? path : file.getFileName().toString();
        String shorter = message.replace(path + ":", "").replace(path, "the file").replace(name, "the file").strip();
        return shorter.isEmpty() ? message : shorter;
    }

    @Override
    public FileResult process(Path file) {
        String format = "audio";
        try {
            long size = Files.size(file);
            if (size == 0) {
                return new FileResult.Failed(file, "empty file (0 bytes)");
            }
            Optional<String> sniffed = AudioFormatSniffer.sniff(file);
            if (sniffed.isEmpty()) {
                return new FileResult.Failed(file, "not an audio file (no known audio header in its first bytes)");
            }
            format = sniffed.get();
            return new FileResult.Ok(file, TagReader.read(file, format, reading), Analysis.NONE);
        } catch (NoSuchFileException e) {
            return new FileResult.Failed(file, "file not found");
        } catch (AccessDeniedException e) {
            return new FileResult.Failed(file, "permission denied");
        } catch (EOFException e) {
            return new FileResult.Failed(file, "truncated " + format + ": the file ends early");
        } catch (Exception | LinkageError | AssertionError e) {
            return new FileResult.Failed(file, "truncated or corrupt " + format + ": " + withoutPath(TagReader.describe(e), file));
        } catch (OutOfMemoryError | StackOverflowError e) {
            return new FileResult.Failed(file, "corrupt " + format + ": the parser ran out of " + (e instanceof OutOfMemoryError ? "memory" : "stack"));
        }
    }
}
