package parallellab.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workers get the jars their workloads need and every folder of classes, not the caller's other jars. */
class WorkerClassPathTest {

    @Test
    void keepsTheWorkloadJarsAndFoldersAndDropsTheRest(@TempDir Path dir) throws Exception {
        Path unrelatedJar = Files.createFile(dir.resolve("charts.jar"));
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path audioJar = WorkerClassPath.locationOf(org.jaudiotagger.audio.AudioFileIO.class).orElseThrow();
        String parent = String.join(File.pathSeparator, unrelatedJar.toString(), classes.toString(), audioJar.toString());

        List<String> entries = List.of(WorkerClassPath.minimal(parent).split(File.pathSeparator));

        assertThat(entries).startsWith(classes.toString(), audioJar.toString()).doesNotContain(unrelatedJar.toString());
        assertThat(entries).contains(WorkerClassPath.locationOf(Worker.class).orElseThrow().toString());
    }

    @Test
    void addClassPathOfAddsAJarOnce() {
        ProcessPool.Builder builder = ProcessPool.builder(1).classPath("");
        Path tableJar = WorkerClassPath.locationOf(tech.tablesaw.api.Table.class).orElseThrow();

        builder.addClassPathOf(tech.tablesaw.api.Table.class).addClassPathOf(tech.tablesaw.api.Table.class);

        assertThat(builder.classPathText()).isEqualTo(tableJar.toString());
    }
}
