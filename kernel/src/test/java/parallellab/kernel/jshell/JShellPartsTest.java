package parallellab.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.junit.jupiter.api.Test;

/** The pure-Java parts of the JShell side: the is_complete mapping and the rewriting of exit calls. */
class JShellPartsTest {

    @Test
    void incompleteAndInvalidAreNeverComplete() {
        assertThat(IsComplete.verdict(Completeness.DEFINITELY_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.CONSIDERED_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.UNKNOWN)).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
        assertThat(IsComplete.verdict(Completeness.COMPLETE)).isNull();
    }

    @Test
    void exitCallsAreRedirectedAndOthersKept() {
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "exit", "(I)V")).isEqualTo("systemExit");
        assertThat(SnippetRewriter.replacement(false, "java/lang/Runtime", "halt", "(I)V")).isEqualTo("runtimeHalt");
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "gc", "()V")).isNull();
    }
}
