package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.work.FileResult;

/** Proves the flaw of {@link ExitWhenEmptyScanner} by forcing the bad interleaving with latches. */
class ExitWhenEmptyScannerTest {

    @TempDir
    Path tmp;

    @Test
    void workersThatSeeAnEmptyQueueBeforeTheWalkCatchesUpQuitAndEveryFileIsLost() throws Exception {
        Path library = TestLibraries.generate(tmp, 6, 2);
        CountDownLatch bothWorkersSawEmpty = new CountDownLatch(2);
        CountDownLatch walkDone = new CountDownLatch(1);
        ExitWhenEmptyScanner.Interleaving race = new ExitWhenEmptyScanner.Interleaving() {
            @Override
            public void queueLookedEmpty() throws InterruptedException {
                bothWorkersSawEmpty.countDown();
                walkDone.await(10, TimeUnit.SECONDS);
            }

            @Override
            public void beforePut(Path file) throws InterruptedException {
                bothWorkersSawEmpty.await(10, TimeUnit.SECONDS);
            }
        };
        ScanListener walkWatcher = new ScanListener() {
            @Override
            public void walkFinished(int total) {
                walkDone.countDown();
            }
        };

        List<FileResult> results = new ExitWhenEmptyScanner(ScanOptions.workers(2), race)
                .scan(library, new TestWorkloads.Checksum(), walkWatcher);

        assertThat(new SequentialScanner().scan(library, new TestWorkloads.Checksum())).hasSize(6);
        assertThat(results).as("every worker quit before the first file was put").isEmpty();
        assertThat(LeftoverThreads.after(ExitWhenEmptyScanner.WORKER_NAME, Set.of())).isEmpty();
    }

    @Test
    void aFilePutWhileTheOnlyWorkerIsQuittingIsNeverProcessed() throws Exception {
        Path library = TestLibraries.generate(tmp, 2, 3);
        List<Path> files = LibraryWalker.audioFiles(library);
        Path last = files.get(1);
        CountDownLatch workerSawEmpty = new CountDownLatch(1);
        CountDownLatch lastPut = new CountDownLatch(1);
        ExitWhenEmptyScanner.Interleaving race = new ExitWhenEmptyScanner.Interleaving() {
            @Override
            public void queueLookedEmpty() throws InterruptedException {
                workerSawEmpty.countDown();
                lastPut.await(10, TimeUnit.SECONDS);
            }

            @Override
            public void beforePut(Path file) throws InterruptedException {
                if (file.equals(last)) {
                    workerSawEmpty.await(10, TimeUnit.SECONDS);
                }
            }
        };
        ScanListener walkWatcher = new ScanListener() {
            @Override
            public void walkFinished(int total) {
                lastPut.countDown();
            }
        };

        List<FileResult> results = new ExitWhenEmptyScanner(ScanOptions.workers(1), race)
                .scan(library, new TestWorkloads.Checksum(), walkWatcher);

        assertThat(results).as("the worker had already decided to quit when the last file arrived")
                .noneMatch(r -> r.path().equals(last.toAbsolutePath().toString()))
                .hasSizeLessThan(files.size());
    }

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
