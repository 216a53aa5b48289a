package parallellab.work;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import parallellab.gil.Gil;

/**
 * The workload that hands each file to another program, {@code ffprobe} (or {@code sox --i}), and
 * parses what it prints.
 *
 * <p>The work happens outside the JVM, in a child process: this JVM only waits. So threads scale even
 * under the simulated GIL (released around the child, as CPython releases it in {@code subprocess}),
 * and {@code time} shows the CPU under the children's user and sys time rather than ours. The price is
 * a process start per file, a few milliseconds, far more than reading the tags in-process.
 *
 * <p>Results differ a little from {@link TagsWorkload}: another parser reads the same bytes.
 * <ul>
 *   <li>duration: ffprobe's container duration, rounded to microseconds (an mp3's may differ from
 *       jaudiotagger's by a frame, about 26 ms);</li>
 *   <li>bit rate: the stream's (for VBR mp3 the average over the file, where jaudiotagger gives the
 *       first frame's or the Xing header's rate);</li>
 *   <li>channels: ffprobe knows mono AAC in m4a, for which jaudiotagger 3.0.1 reports 0;</li>
 *   <li>WAV: ffprobe reads more RIFF INFO fields (a track number, for one) than jaudiotagger;</li>
 *   <li>failures: ffprobe trusts the extension, and its messages differ ("End of file", "Invalid
 *       data found when processing input").</li>
 * </ul>
 * The cost: ffprobe starts ~200 shared libraries per call, 0.1 s of CPU and more wall time.
 */
public record ExternalWorkload(String program) implements Workload {

    /** The programs this workload knows how to call and parse. */
    public static final List<String> PROGRAMS = List.of("ffprobe", "sox");

    /** After this long a child is killed and the file counts as failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public ExternalWorkload {
        program = program == null || program.isBlank() ? "ffprobe" : program;
        if (!PROGRAMS.contains(program)) {
            throw new IllegalArgumentException("unknown external program '" + program + "' (choose one of " + String.join(", ", PROGRAMS) + ")");
        }
    }

    /** Runs ffprobe, the default. */
    public ExternalWorkload() {
        this("ffprobe");
    }

    @Override
    public String name() {
        return "external";
    }

    /**
     * Fails fast, with one line naming the package to install, when the program is not on the PATH:
     * a scan then stops before it starts instead of failing every file the same way.
     */
    public void checkAvailable() {
        if (findOnPath(program).isEmpty()) {
            throw new IllegalStateException(notFoundMessage());
        }
    }

    /** Where {@code program} is on the PATH, if anywhere. */
    public static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private String notFoundMessage() {
        String debianPackage = program.equals("ffprobe") ? "ffmpeg" : program;
        return program + " not found: install " + debianPackage + " (apt install " + debianPackage + ")";
    }

    private List<String> command(Path file) {
        String path = file.toAbsolutePath().toString();
        return switch (program) {
            case "sox" -> List.of("sox", "--i", path);
            default -> List.of("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", path);
        };
    }

    @Override
    public FileResult process(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return new FileResult.Failed(file, "empty file (0 bytes)");
            }
            ProgramRun run = Gil.released(() -> ProgramRun.run(command(file), TIMEOUT));
            if (run.exitCode() != 0) {
                return new FileResult.Failed(file, program + " failed: " + lastErrorLine(run.stderr(), file));
            }
            SongData song = program.equals("sox") ? SoxInfoParser.parse(run.stdout(), size) : FfprobeParser.parse(run.stdout(), size);
            return new FileResult.Ok(file, song, Analysis.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the child is already killed; let the scanner see the stop
            return new FileResult.Failed(file, "interrupted");
        } catch (ProgramRun.TimeoutException e) {
            return new FileResult.Failed(file, e.getMessage());
        } catch (IOException e) {
            if (findOnPath(program).isEmpty()) {
                return new FileResult.Failed(file, notFoundMessage());
            }
            return new FileResult.Failed(file, program + " could not be run: " + TagReader.describe(e));
        } catch (FfprobeParser.UnreadableOutputException e) {
            return new FileResult.Failed(file, e.getMessage());
        } catch (Exception e) {
            return new FileResult.Failed(file, program + " output not understood: " + TagReader.describe(e));
        }
    }

    /** ffprobe prefixes its errors with the file's path; the path is already in the result. */
    private static String lastErrorLine(String stderr, Path file) {
        String line = stderr.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit status non-zero");
        String prefix = file.toAbsolutePath() + ": ";
        return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
    }
}
