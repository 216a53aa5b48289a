package parallellab.scan;

import java.util.List;

/**
 * The scanners by the names the command line, the bench and the notebooks use.
 */
public final class Strategies {

    private Strategies() {}

    /** Every strategy name, in the order the lessons introduce them. */
    public static List<String> names() {
        return List.of("sequential");
    }

    /** The scanner called {@code name}, set up with {@code options}. */
    public static Scanner create(String name, ScanOptions options) {
        return switch (name) {
            case "sequential" -> new SequentialScanner();
            case "spark" -> SparkLookup.create(options);
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (choose one of " + String.join(", ", names()) + ")");
        };
    }
}
