package parallellab.scan;

/**
 * A strategy that lives outside the lib and plugs in through {@link java.util.ServiceLoader}.
 *
 * <p>An engine with heavy dependencies (Spark brings some 250 MB of jars) stays in its own module.
 * Its jar names its provider in {@code META-INF/services/parallellab.scan.ScannerProvider}, and
 * {@link Strategies#create} finds it by {@link #name()} when that jar is on the class path. The lib
 * never names the engine: without the jar, the strategy is simply unknown.
 */
public interface ScannerProvider {

    /** The strategy's name on the command line and in a bench, for example {@code spark}. */
    String name();

    /**
     * The scanner, set up with {@code options}.
     *
     * @param master where the engine runs, for example a cluster's address; null runs it on this machine
     */
    LibraryScanner create(ScanOptions options, String master);
}
