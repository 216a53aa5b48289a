package parallellab.spark;

import parallellab.scan.LibraryScanner;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScannerProvider;

/**
 * Plugs {@link SparkScanner} into the lib as the strategy {@code spark}, through
 * {@code META-INF/services/parallellab.scan.ScannerProvider}: with this module's jars on the class
 * path, {@code ./lab scan --strategy spark [--master URL]} and {@code Bench} find it by name.
 */
public final class SparkScannerProvider implements ScannerProvider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public LibraryScanner create(ScanOptions options, String master) {
        return new SparkScanner(options, master);
    }
}
