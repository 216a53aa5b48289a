package parallellab.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.lessons.Lab;
import parallellab.testing.Manifest;
import parallellab.work.TagsWorkload;
import tech.tablesaw.api.Table;

/** The three-reader table on a few bundled files: its shape and its sanity, never its speed. */
class TagsComparisonTest {

    @TempDir
    Path tmp;

    @Test
    void givesOneRowPerFormatWithTheThreeReaders() throws Exception {
        Manifest manifest = Manifest.require();
        Path library = Files.createDirectories(tmp.resolve("few"));
        for (String format : List.of("ogg", "flac")) {
            manifest.expectedOk().stream().filter(r -> r.format().equals(format) && r.path().endsWith("." + format)).limit(2)
                    .forEach(r -> copy(manifest.fileOf(r), library.resolve(format + "-" + r.path().replace('/', '_'))));
        }
        Table table = TagsComparison.run(library, 1);

        assertThat(table.columnNames()).containsExactly("format", "files", "as_is_ms", "tuned_ms", "mutagen_ms", "as_is/tuned", "tuned/mutagen");
        assertThat(table.stringColumn("format").asList()).containsExactly("flac", "ogg");
        assertThat(table.intColumn("files").asList()).containsExactly(2, 2);
        assertThat(table.doubleColumn("as_is_ms").min()).isGreaterThan(0);
        assertThat(table.doubleColumn("tuned_ms").min()).isGreaterThan(0);
        if (table.name().contains("mutagen not run")) {
            assertThat(table.doubleColumn("mutagen_ms").countMissing()).isEqualTo(2);
        } else {
            assertThat(table.name()).contains("mutagen 1.");
            assertThat(table.doubleColumn("mutagen_ms").min()).isGreaterThan(0);
        }
    }

    @Test
    void beforeAfterPutsTwoScansSideBySide() throws Exception {
        Path library = Files.createDirectories(tmp.resolve("ogg"));
        Manifest manifest = Manifest.require();
        manifest.expectedOk().stream().filter(r -> r.format().equals("ogg") && r.path().endsWith(".ogg")).limit(2)
                .forEach(r -> copy(manifest.fileOf(r), library.resolve(r.path().replace('/', '_'))));
        Table table = TagsComparison.beforeAfter(Lab.scan(library, TagsWorkload.jaudiotaggerAsIs(), "sequential", 1),
                Lab.scan(library, new TagsWorkload(), "sequential", 1));
        assertThat(table.stringColumn("reader").asList()).containsExactly("jaudiotagger as-is", "tuned");
        assertThat(table.intColumn("files").asList()).containsExactly(2, 2);
        assertThat(table.doubleColumn("real_s").min()).isGreaterThan(0);
    }

    @Test
    void aMistakeIsOneClearException() {
        assertThatThrownBy(() -> TagsComparison.run(tmp, 0)).hasMessageContaining("passes must be at least 1");
        assertThatThrownBy(() -> TagsComparison.run(tmp.resolve("missing"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
