package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * For random subsets of a library, any worker count and GIL on or off, thread scanners agree with
 * sequential. The cases come from a fixed seed, so a failure names a case that reproduces.
 */
class ThreadScannerPropertiesTest {

    private static Path generated;
    private static Path source;

    @BeforeAll
    static void makeSourceLibrary() throws IOException {
        generated = Files.createTempDirectory("threads-props-");
        source = TestLibraries.bundled().orElseGet(() -> TestLibraries.generate(generated.resolve("library"), 80, 42));
    }

    @AfterAll
    static void removeSourceLibrary() {
        TestLibraries.deleteTree(generated);
    }

    static Stream<Arguments> cases() {
        Random random = new Random(20_261_126L);
        List<String> strategies = LeftoverThreads.correctThreadStrategies();
        return IntStream.range(0, 20).mapToObj(i -> Arguments.of(
                strategies.get(random.nextInt(strategies.size())), 1 + random.nextInt(6), random.nextBoolean(), random.nextLong()));
    }

    @ParameterizedTest(name = "{0}, {1} workers, gil {2}, subset {3}")
    @MethodSource("cases")
    void aThreadScannerReturnsWhatSequentialReturns(String strategy, int workers, boolean gil, long seed) throws Exception {
        Path subset = TestLibraries.randomSubset(source, generated.resolve("subset-" + Long.toUnsignedString(seed) + "-" + System.nanoTime()), seed);
        try {
            Workload workload = new TestWorkloads.Checksum();
            List<FileResult> expected = new SequentialScanner().scan(subset, workload);
            LibraryScanner scanner = Strategies.create(strategy, new ScanOptions(workers, gil, 0));

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
