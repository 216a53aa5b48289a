package parallellab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stale start-up cache is noticed (a rebuilt jar, another JDK build) and replaced only whole. */
class StartupCacheTest {

    @TempDir
    Path root;

    private Path file(String name, Instant modified) throws IOException {
        Path f = root.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, name);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void aRebuiltJarOrAnotherJdkMakesTheCacheStale() throws IOException {
        Instant built = Instant.parse("2026-01-01T10:00:00Z");
        for (String jar : List.of("kernel/target/parallel-lab-kernel.jar", "lib/target/parallel-lab-lib.jar",
                "kernel/target/lib/tablesaw.jar", "kernel/target/lib/jjava.jar")) {
            file(jar, built);
        }
        Path java = file("jdk/bin/java", built);
        Path cache = file("cache/kernel.aot", built.plusSeconds(60));
        assertThat(StartupCache.isStale(cache, java, root)).isFalse();

        Files.setLastModifiedTime(root.resolve("kernel/target/lib/tablesaw.jar"), FileTime.from(built.plusSeconds(120)));
        assertThat(StartupCache.isStale(cache, java, root)).isTrue();

        Files.setLastModifiedTime(cache, FileTime.from(built.plusSeconds(180)));
        assertThat(StartupCache.isStale(cache, java, root)).isFalse();
        Files.setLastModifiedTime(java, FileTime.from(built.plusSeconds(240)));
        assertThat(StartupCache.isStale(cache, java, root)).isTrue();

        assertThat(StartupCache.isStale(root.resolve("cache/missing.aot"), java, root)).isTrue();
        Files.writeString(cache, "");
        assertThat(StartupCache.isStale(cache, java, root)).isTrue();
    }

    @Test
    void aNewCacheIsWrittenAsideAndMovedOverTheOldOne() throws IOException {
        Path cache = file("cache/kernel.aot", Instant.now());
        Path made = Install.trainingOutput(cache);
        assertThat(made).isNotEqualTo(cache);
        assertThat(made.getParent()).isEqualTo(cache.getParent());
        Files.writeString(made, "new");
        Install.replace(made, cache);
        assertThat(cache).hasContent("new");
        assertThat(made).doesNotExist();
    }

    @Test
    void aKernelStartedWithoutACacheChecksNothing() {
        assertThat(System.getProperty(StartupCache.PROPERTY)).isNull();
        assertThat(StartupCache.remakeIfStale(System.err)).isNull();
    }
}
