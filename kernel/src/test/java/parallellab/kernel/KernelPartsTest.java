package parallellab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.junit.jupiter.api.Test;

/** The pure-Java parts of the kernel: magic parsing, is_complete mapping, UTF-8 splitting, exit rewriting. */
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
    void incompleteAndInvalidAreNeverComplete() {
        assertThat(IsComplete.verdict(Completeness.DEFINITELY_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.CONSIDERED_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.UNKNOWN)).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
        assertThat(IsComplete.verdict(Completeness.COMPLETE)).isNull();
    }

    @Test
    void anIncompleteUtf8SequenceIsHeldBack() {
        byte[] euro = "a\u20ac".getBytes(StandardCharsets.UTF_8);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length)).isEqualTo(euro.length);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length - 1)).isEqualTo(1);
    }

    @Test
    void exitCallsAreRedirectedAndOthersKept() {
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "exit", "(I)V")).isEqualTo("systemExit");
        assertThat(SnippetRewriter.replacement(false, "java/lang/Runtime", "halt", "(I)V")).isEqualTo("runtimeHalt");
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "gc", "()V")).isNull();
    }

    @Test
    void historySearchUsesGlobs() {
        assertThat("6*7").matches(CellHistory.globToRegex("6*"));
        assertThat("a.b").doesNotMatch(CellHistory.globToRegex("a?c"));
    }
}
