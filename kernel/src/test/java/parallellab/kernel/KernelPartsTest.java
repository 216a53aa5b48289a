package parallellab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java parts of the kernel's protocol and session: magic parsing, UTF-8 splitting, history, install, jar names. */
class KernelPartsTest {

    @Test
    void cellMagicTakesTheRestOfTheCell() {
        assertThat(MagicLine.split("%%time\nint x = 1;\nx"))
                .containsExactly(new MagicLine.CellMagic("time", List.of(), "int x = 1;\nx"));
    }

    @Test
    void lineMagicsSplitCodeAndKeepLineNumbers() {
        assertThat(MagicLine.split("int a = 1;\n%jars \"my dir/x.jar\" y.jar\nint b = 2;"))
                .containsExactly(new MagicLine.Code("int a = 1;", 0),
                        new MagicLine.LineMagic("jars", List.of("my dir/x.jar", "y.jar")),
                        new MagicLine.Code("int b = 2;", 2));
    }

    @Test
    void anIncompleteUtf8SequenceIsHeldBack() {
        byte[] euro = "a\u20ac".getBytes(StandardCharsets.UTF_8);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length)).isEqualTo(euro.length);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length - 1)).isEqualTo(1);
    }

    @Test
    void historySearchUsesGlobs() {
        assertThat("6*7").matches(CellHistory.globToRegex("6*"));
        assertThat("a.b").doesNotMatch(CellHistory.globToRegex("a?c"));
    }

    @Test
    void sparkFlagsAreCopiedFromTheArgumentFileWithoutComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("java-options");
        Files.writeString(file, "# Spark needs these\n--add-opens=java.base/java.nio=ALL-UNNAMED\n\n-Da=b  # trailing\n");
        assertThat(Install.sparkOptions(file)).containsExactly("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Da=b");
        assertThat(Install.sparkOptions(dir.resolve("missing"))).isEmpty();
        assertThat(Install.kernelJson(Path.of("/jdk/bin/java"), dir)).doesNotContain("add-opens");
    }

    @Test
    void jarNamesLoseTheirVersion() {
        assertThat(KernelMagics.artifactName("guava-33.0.0-jre.jar")).isEqualTo("guava");
        assertThat(KernelMagics.artifactName("commons-lang3-3.14.0.jar")).isEqualTo("commons-lang3");
        assertThat(KernelMagics.artifactName("listenablefuture-9999.0-empty-to-avoid-conflict-with-guava.jar")).isEqualTo("listenablefuture");
        assertThat(KernelMagics.artifactName("tools.jar")).isEqualTo("tools");
    }
}
