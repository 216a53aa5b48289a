package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import parallellab.pool.ProcessPool;
import parallellab.work.FileResult;
import tech.tablesaw.api.Table;

/** The demos of lesson 04 show what they claim: worker memory stays in the worker, the JDK reaps its children, SIGINT ends a whole group. */
class LessonDemosTest {

    @Test
    void aStaticFieldSetInWorkersIsNotSeenByTheParentAndStarmapSendsOneRecordPerTask() throws Exception {
        try (ProcessPool pool = ProcessPool.create(2)) {
            Table table = WorkerMemory.demo(pool, 4);
            assertThat(table.rowCount()).isEqualTo(5);
            for (int row = 0; row < 4; row++) {
                assertThat(table.intColumn(2).get(row)).isPositive();
                assertThat(table.longColumn(1).get(row)).isNotEqualTo(ProcessHandle.current().pid());
            }
            assertThat(table.intColumn(2).get(4)).as("the parent's own copy").isZero();

            String file = parallellab.scan.LibraryWalker.audioFiles(Lab.sample(Lab.library(), "wav", 2)).get(0).toString();
            List<FileResult> results = pool.map(new Starmap.Task(), List.of(new Starmap.Args(file, 0.5), new Starmap.Args(file, 1.0)));
            assertThat(results).allMatch(r -> r instanceof FileResult.Ok);
            assertThat(((FileResult.Ok) results.get(0)).analysis().analysedSeconds()).isEqualTo(0.5, org.assertj.core.data.Offset.offset(0.05));
            assertThat(((FileResult.Ok) results.get(1)).analysis().analysedSeconds()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void theJdkReapsAChildThatNobodyWaitedFor() throws Exception {
        assertThat(Reaping.javaChildWithoutWaitFor()).contains("reaped");
    }

    @Test
    void sigintToTheProcessGroupEndsTheScanAndEveryWorker() throws Exception {
        Table table = CtrlC.processGroup(Lab.library(), 2);
        if (table.rowCount() == 0) {
            return; // no setsid: not Linux
        }
        assertThat(table.rowCount()).isGreaterThanOrEqualTo(3);
        assertThat(table.stringColumn(2).asList()).noneMatch(s -> s.contains("still running"));
        assertThat(table.stringColumn(2).get(0)).contains("130");
    }
}
