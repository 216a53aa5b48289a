package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * The baseline: one thread walks the library and processes each file in turn.
 *
 * <p>Every speedup in the lessons is measured against this. It is the simplest correct scanner,
 * keeps the walk's order, and uses one core. A workload that throws fails its own file, as in
 * every other scanner: one bad file never ends the baseline.
 */
public final class SequentialScanner implements LibraryScanner {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        List<Path> files = ScanSkeleton.list(root, listener);
        List<FileResult> results = new ArrayList<>(files.size());
        for (Path file : files) {
            if (Thread.interrupted()) {
                throw new InterruptedException("scan interrupted after " + results.size() + " of " + files.size() + " files");
            }
            results.add(ScanSkeleton.processAndReport(workload, file, listener));
        }
        return results;
    }

    /*
     * How to run it:
     *   ./lab scan data/library --workload analyze --strategy sequential
     * or in a cell:
     *   new SequentialScanner().scan(Lab.library(), new AnalyzeWorkload(3))
     * (the baseline every speedup is measured against).
     */
}
