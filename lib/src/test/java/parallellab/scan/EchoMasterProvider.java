package parallellab.scan;

import java.nio.file.Path;
import java.util.List;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/** A plug-in strategy for the tests, registered in this module's test META-INF/services: the sequential scan, named for where it runs. */
public final class EchoMasterProvider implements ScannerProvider {

    @Override
    public String name() {
        return "echo-master";
    }

    @Override
    public LibraryScanner create(ScanOptions options, String master) {
        return new LibraryScanner() {
            @Override
            public String name() {
                return "echo-master on " + (master == null ? "this machine" : master);
            }

            @Override
            public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
                return new SequentialScanner().scan(root, workload, listener);
            }
        };
    }
}
