package parallellab.scan;

import java.util.List;
import java.util.stream.Stream;

/**
 * The scanners by the names the command line, the bench and the notebooks use.
 *
 * <p>{@link #names()} are the main strategies in the order the lessons introduce them;
 * {@link #variants()} are the post's variations on the queue of threads, one of them flawed.
 */
public final class Strategies {

    private Strategies() {}

    /** The main strategy names, in the order the lessons introduce them. */
    public static List<String> names() {
        return List.of(
                "sequential",
                "queue-threads",
                "executor",
                "virtual",
                "parallel-stream",
                "process-pool");
    }

    /** The variants of the queue of threads, for the lesson that compares them. */
    public static List<String> variants() {
        return List.of(
                "exit-when-empty",
                "thread-local",
                "thread-subclass");
    }

    /** Every name {@link #create} accepts. */
    public static List<String> all() {
        return Stream.concat(names().stream(), variants().stream()).toList();
    }

    /** The scanner called {@code name}, set up with {@code options}. */
    public static LibraryScanner create(String name, ScanOptions options) {
        return switch (name) {
            case "sequential" -> new SequentialScanner();
            case "queue-threads" -> new QueueThreadScanner(options);
            case "executor" -> new ExecutorScanner(options);
            case "virtual" -> new VirtualThreadScanner(options);
            case "parallel-stream" -> new ParallelStreamScanner(options);
            case "process-pool" -> new ProcessPoolScanner(options);
            case "exit-when-empty" -> new ExitWhenEmptyScanner(options);
            case "thread-local" -> new ThreadLocalAggregationScanner(options);
            case "thread-subclass" -> new ThreadSubclassScanner(options);
            // In its own module, off the core class path: found by name when asked for (see SparkLookup).
            case "spark" -> SparkLookup.create(options);
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (choose one of " + String.join(", ", all()) + ")");
        };
    }
}
