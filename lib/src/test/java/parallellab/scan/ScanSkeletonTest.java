package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.work.FileResult;

/** What the shared skeleton promises for every main strategy, the sequential baseline and the process pool included. */
class ScanSkeletonTest {

    @TempDir
    Path tmp;

    static List<String> strategies() {
        return Strategies.names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aWorkloadThatThrowsFailsItsFileAndTheScanGoesOn(String strategy) throws Exception {
        Path library = TestLibraries.generate(tmp, 8, 11);
        Path bomb = Files.writeString(library.resolve("artist-0").resolve("bomb.mp3"), "tick");

        List<FileResult> results = Strategies.create(strategy, ScanOptions.workers(2)).scan(library, new TestWorkloads.Throwing("bomb"));

        assertThat(results).hasSize(9);
        assertThat(results).filteredOn(r -> r.path().equals(bomb.toAbsolutePath().toString()))
                .singleElement()
                .isInstanceOfSatisfying(FileResult.Failed.class, failed -> assertThat(failed.reason()).contains("throwing crashed", "boom on bomb.mp3"));
    }
}
