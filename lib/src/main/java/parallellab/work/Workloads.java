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
        return named(name, AnalyzeWorkload.DEFAULT_SECONDS);
    }

    /** The workload called {@code name}; {@code analyze} decodes the first {@code analyzeSeconds} of each file, the others ignore it. */
    public static Workload named(String name, double analyzeSeconds) {
        return switch (name) {
            case "tags" -> new TagsWorkload();
            case "analyze" -> new AnalyzeWorkload(analyzeSeconds);
            case "external" -> new ExternalWorkload("ffprobe");
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (choose one of " + String.join(", ", names()) + ")");
        };
    }
}
