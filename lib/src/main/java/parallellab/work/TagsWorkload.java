package parallellab.work;

import java.nio.file.Path;

/** STUB (foundation issue): tags and header only, the post's SongData.from_file. */
public record TagsWorkload() implements Workload {
    @Override
    public String name() {
        return "tags";
    }

    @Override
    public FileResult process(Path file) {
        return new FileResult.Failed(file, "not implemented yet");
    }
}
