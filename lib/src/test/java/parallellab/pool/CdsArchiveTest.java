package parallellab.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsArchiveTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheFirstWorkerWritesTheArchiveAndThePoolKnowsItIsBeingWritten() throws IOException {
        Path jar = tmp.resolve("only-for-this-test.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("empty.txt"));
        }
        CdsArchive archive = CdsArchive.forWorkers(jar.toString(), List.of("-Dtest=" + System.nanoTime()));

        assertThat(archive.beingWritten()).isFalse();
        assertThat(archive.options(2)).isEmpty();
        assertThat(archive.options(1)).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(archive.beingWritten()).isTrue();
    }

    @Test
    void aClassFolderOnTheClassPathMeansNoArchive() {
        assertThat(CdsArchive.forWorkers(tmp.toString(), List.of())).isNull();
    }
}
