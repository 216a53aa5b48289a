package parallellab.work;

import java.util.List;

/** The workloads by the names the command line, the bench and the notebooks use. */
public final class Workloads {

    private Workloads() {}

    public static List<String> names() {
        return List.of("tags", "analyze", "external");
    }

    /** The workload called {@code name} with its default settings. */
    public static Workload named(String name) {
        return switch (name) {
            case "tags" -> new TagsWorkload();
            case "analyze" -> new AnalyzeWorkload(AnalyzeWorkload.DEFAULT_SECONDS);
            case "external" -> new ExternalWorkload("ffprobe");
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (choose one of " + String.join(", ", names()) + ")");
        };
    }
}
