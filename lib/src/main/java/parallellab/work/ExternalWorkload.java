package parallellab.work;

import java.nio.file.Path;

/** STUB (foundation issue): runs ffprobe on each file; the time goes outside the JVM. */
public record ExternalWorkload(String program) implements Workload {
    @Override
    public String name() {
        return "external";
    }

    @Override
    public FileResult process(Path file) {
        return new FileResult.Failed(file, "not implemented yet");
    }
}
