package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.work.FileResult;

/**
 * {@link ExitWhenEmptyScanner} left to chance: it may lose files, but it never hangs or leaves a thread.
 * The test that proves the flaw, with the race forced, is {@code parallellab.lessons.ExitWhenEmptyRaceTest}.
 */
class ExitWhenEmptyScannerTest {

    @TempDir
    Path tmp;

    @Test
    void withoutForcingTheRaceItStillNeverHangsAndLeavesNoThread() throws Exception {
        Path library = TestLibraries.generate(tmp, 30, 4);
        List<FileResult> expected = new SequentialScanner().scan(library, new TestWorkloads.Checksum());
        for (int run = 0; run < 5; run++) {
            List<FileResult> results = new ExitWhenEmptyScanner(ScanOptions.workers(2)).scan(library, new TestWorkloads.Checksum());
            assertThat(expected).containsAll(results);
        }
        assertThat(LeftoverThreads.after(ExitWhenEmptyScanner.WORKER_NAME, Set.of())).isEmpty();
    }
}
