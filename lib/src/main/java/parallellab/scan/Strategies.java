package parallellab.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * The scanners by the names the command line, the bench and the notebooks use.
 *
 * <p>{@link #names()} are the main strategies in the order the lessons introduce them;
 * {@link #variants()} are the post's variations on the queue of threads, one of them flawed. Any
 * other name is looked up among the {@link ScannerProvider}s on the class path (Spark's, when its
 * module is built and on the class path).
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

    /** Every built-in name {@link #create} accepts. */
    public static List<String> all() {
        return Stream.concat(names().stream(), variants().stream()).toList();
    }

    /** The names of the plug-in strategies on the class path (see {@link ScannerProvider}). */
    public static List<String> plugIns() {
        return providers().stream().map(ScannerProvider::name).sorted().toList();
    }

    /** The scanner called {@code name}, set up with {@code options}. */
    public static LibraryScanner create(String name, ScanOptions options) {
        return create(name, options, null);
    }

    /**
     * The scanner called {@code name}, set up with {@code options}; a plug-in strategy runs on
     * {@code master} (null: on this machine), which a built-in one does not take. With a file timeout,
     * every workload it is given runs under that budget per file ({@link FileBudget}).
     */
    public static LibraryScanner create(String name, ScanOptions options, String master) {
        if (master != null && all().contains(name)) {
            throw new IllegalArgumentException("a master is for a plug-in strategy, not for " + name);
        }
        LibraryScanner scanner = plain(name, options, master);
        if (all().contains(name) && !name.equals("process-pool") && !options.gil()) {
            // A file budget runs inline, on the scanner's threads. Not under the GIL: a thread deaf to
            // the interrupt would hold it for ever, and every other thread, the rescue's too, waits for it.
            scanner = new RescuingScanner(scanner);
        }
        return options.fileTimeout() == null ? scanner : new Budgeted(scanner, options);
    }

    /** A scanner that hands its workloads on with the options' budget per file. */
    private record Budgeted(LibraryScanner scanner, ScanOptions options) implements LibraryScanner {
        @Override
        public String name() {
            return scanner.name();
        }

        @Override
        public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
            return scanner.scan(root, options.budgeted(workload), listener);
        }

        @Override
        public boolean ordered() {
            return scanner.ordered();
        }
    }

    private static LibraryScanner plain(String name, ScanOptions options, String master) {
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
            default -> providers().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> unknown(name))
                    .create(options, master);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        List<String> choices = Stream.concat(all().stream(), plugIns().stream()).toList();
        return new IllegalArgumentException("unknown strategy '" + name + "' (choose one of " + String.join(", ", choices)
                + "; a plug-in strategy needs its module built and on the class path, for spark: ./mvnw -pl spark -am package)");
    }

    /** The providers the context class loader sees: in a notebook that includes jars a cell added. */
    private static List<ScannerProvider> providers() {
        return ServiceLoader.load(ScannerProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
