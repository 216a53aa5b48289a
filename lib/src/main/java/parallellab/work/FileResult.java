package parallellab.work;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The outcome for one file: it was read, or it failed with a one-line reason.
 *
 * <p>A broken file is a value, not an exception, so one bad file never ends a scan and results from
 * threads and worker processes travel the same way. Paths are kept as strings so that results are
 * {@link Serializable} and compare equal across JVMs.
 */
public sealed interface FileResult extends Serializable permits FileResult.Ok, FileResult.Failed {

    /** The file's absolute path. */
    String path();

    boolean ok();

    /** The file was read. {@code analysis} is {@link Analysis#NONE} unless the workload analyses. */
    record Ok(String path, SongData song, Analysis analysis) implements FileResult {
        public Ok(Path path, SongData song, Analysis analysis) {
            this(path.toAbsolutePath().toString(), song, analysis);
        }

        @Override
        public boolean ok() {
            return true;
        }
    }

    /** The file could not be read: {@code reason} is one line a learner can act on. */
    record Failed(String path, String reason) implements FileResult {
        private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\x{FFFD}]");

        public Failed(Path path, String reason) {
            this(path.toAbsolutePath().toString(), reason);
        }

        public Failed {
            reason = reason == null || reason.isBlank() ? "unknown error" : reason.strip().lines().findFirst().orElse("unknown error");
            // A parser may quote the damaged bytes it choked on: keep the line printable.
            reason = CONTROL.matcher(reason).replaceAll("?");
        }

        @Override
        public boolean ok() {
            return false;
        }
    }
}
