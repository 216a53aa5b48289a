package parallellab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.work.FileResult;

/** A scanner that owns its context starts it for the scan and leaves no Spark thread behind. */
class SparkScannerLifecycleTest {

    /** Threads a running SparkContext owns: RPC and shuffle event loops, executors, schedulers. */
    private static final Pattern SPARK_THREAD = Pattern.compile(
            "dispatcher-.*|Executor task launch.*|executor-.*|shuffle-.*|rpc-.*|task-result-getter.*|dag-scheduler.*|spark-listener.*|driver-.*|heartbeat.*|Spark Context Cleaner|block-manager.*");

    @TempDir
    Path tmp;

    @Test
    void eachScanStartsAndStopsItsOwnContext() throws Exception {
        Path library = TestLibrary.smallLibrary(tmp);
        SparkScanner scanner = new SparkScanner(ScanOptions.workers(2));
        List<FileResult> expected = new SequentialScanner().scan(library, new TestLibrary.Fingerprint());

        assertThat(scanner.scan(library, new TestLibrary.Fingerprint())).containsExactlyElementsOf(expected);
        Set<String> afterFirst = threadsOnceSparksAreGone();
        assertThat(afterFirst).as("Spark threads left behind").noneMatch(name -> SPARK_THREAD.matcher(name).matches());

        assertThat(scanner.scan(library, new TestLibrary.Fingerprint())).containsExactlyElementsOf(expected);
        Set<String> afterSecond = threadsOnceSparksAreGone();
        assertThat(afterSecond).as("Spark threads left behind").noneMatch(name -> SPARK_THREAD.matcher(name).matches());
        assertThat(afterSecond).as("threads a second scan added").isSubsetOf(afterFirst);
    }

    /**
     * Live thread names, once Spark's threads have wound down. Netty closes its event loops
     * gracefully (a quiet period of about two seconds) after the context has stopped, so this waits
     * for them; it fails the test, not the build, if they never go.
     */
    private static Set<String> threadsOnceSparksAreGone() throws InterruptedException {
        Set<String> names = liveThreadNames();
        for (int i = 0; i < 200 && names.stream().anyMatch(name -> SPARK_THREAD.matcher(name).matches()); i++) {
            Thread.sleep(100);
            names = liveThreadNames();
        }
        return names;
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("\\d+", "#")).collect(Collectors.toSet());
    }
}
