package parallellab.work;

import java.nio.file.Path;

/** STUB (foundation issue): decode the first {@code seconds} and analyse them; CPU-bound. */
public record AnalyzeWorkload(double seconds) implements Workload {
    public static final double DEFAULT_SECONDS = 10;

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public FileResult process(Path file) {
        return new FileResult.Failed(file, "not implemented yet");
    }
}
