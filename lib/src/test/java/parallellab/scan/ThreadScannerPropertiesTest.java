package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/** For random subsets of a library, any worker count and GIL on or off, thread scanners agree with sequential. */
class ThreadScannerPropertiesTest {

    private static Path generated;
    private static Path source;

    @BeforeContainer
    static void makeSourceLibrary() throws IOException {
        generated = Files.createTempDirectory("threads-props-");
        source = TestLibraries.bundled().orElseGet(() -> TestLibraries.generate(generated.resolve("library"), 80, 42));
    }

    @AfterContainer
    static void removeSourceLibrary() {
        TestLibraries.deleteTree(generated);
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of(LeftoverThreads.correctThreadStrategies());
    }

    @Property(tries = 20)
    void aThreadScannerReturnsWhatSequentialReturns(
            @ForAll("strategies") String strategy,
            @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll boolean gil,
            @ForAll long seed) throws Exception {
        Path subset = TestLibraries.randomSubset(source, generated.resolve("subset-" + Long.toUnsignedString(seed) + "-" + System.nanoTime()), seed);
        try {
            Workload workload = new TestWorkloads.Checksum();
            List<FileResult> expected = new SequentialScanner().scan(subset, workload);
            Scanner scanner = Strategies.create(strategy, new ScanOptions(workers, gil, 0));

            List<FileResult> actual = scanner.scan(subset, workload);

            if (scanner.ordered()) {
                assertThat(actual).containsExactlyElementsOf(expected);
            } else {
                assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            TestLibraries.deleteTree(subset);
        }
    }
}
