package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parallellab.scan.ExitWhenEmptyScanner;
import parallellab.scan.LeftoverThreads;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanOptions;
import parallellab.scan.SequentialScanner;
import parallellab.scan.TestLibraries;
import parallellab.scan.TestWorkloads;
import parallellab.work.FileResult;
import tech.tablesaw.api.Table;

/** Proves the flaw of {@link ExitWhenEmptyScanner} by forcing the bad interleavings with latches. */
class ExitWhenEmptyRaceTest {

    @TempDir
    Path tmp;

    @Test
    void workersThatSeeAnEmptyQueueBeforeTheWalkCatchesUpQuitAndEveryFileIsLost() throws Exception {
        Path library = TestLibraries.generate(tmp, 6, 2);

        List<FileResult> results = new ExitWhenEmptyRace.WorkersQuitBeforeTheFirstFile(2)
                .scan(library, new TestWorkloads.Checksum(), ScanOptions.workers(2));

        assertThat(new SequentialScanner().scan(library, new TestWorkloads.Checksum())).hasSize(6);
        assertThat(results).as("every worker quit before the first file was put").isEmpty();
        assertThat(LeftoverThreads.after(ExitWhenEmptyScanner.WORKER_NAME, Set.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aFilePutJustAfterTheWorkersFoundTheQueueEmptyIsNeverProcessed(int workers) throws Exception {
        Path library = TestLibraries.generate(tmp, 5, 3);
        List<Path> files = LibraryWalker.audioFiles(library);
        Path last = files.getLast();

        List<FileResult> results = new ExitWhenEmptyRace.LastFileArrivesLate(last, workers)
                .scan(library, new TestWorkloads.Checksum(), ScanOptions.workers(workers));

        assertThat(results).as("the workers had already decided to quit when the last file arrived")
                .hasSize(files.size() - 1)
                .noneMatch(r -> r.path().equals(last.toAbsolutePath().toString()));
    }

    @Test
    void theDemonstrationShowsBothForcedLossesAndNoneForTheCorrectScanners() throws Exception {
        Path library = TestLibraries.generate(tmp, 4, 5);

        Table race = ExitWhenEmptyRace.demonstrate(library, new TestWorkloads.Checksum(), 2);

        assertThat(race.intColumn("files").asList()).containsOnly(4);
        assertThat(race.intColumn("lost").asList()).startsWith(0, 4, 1).endsWith(0, 0);
        assertThat(race.stringColumn("scanner").asList()).startsWith("sequential", "exit-when-empty").endsWith("queue-threads", "thread-local");
        assertThat(LeftoverThreads.after(ExitWhenEmptyScanner.WORKER_NAME, Set.of())).isEmpty();
    }
}
