package parallellab.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An expression cell's value is shown, and the temporary variable JShell made for it ($N) does not pile up. */
class TemporaryVariablesTest {

    @Test
    void expressionsLeaveNoVariableBehindButDeclarationsStay() throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (JShellEvaluator evaluator = new JShellEvaluator(List.of(), List.of("import java.util.concurrent.*;"), quiet, quiet)) {
            for (int i = 1; i <= 5; i++) {
                assertThat(evaluator.eval(i + " + 1", i, 0).value()).isEqualTo(i + 1);
            }
            evaluator.eval("int kept = 7;", 6, 0);
            assertThat(evaluator.eval("kept * 6", 7, 0).value()).isEqualTo(42);
            assertThat(evaluator.activeVariableNames()).containsExactly("kept");
            // A resource the kernel may have to close keeps its variable, so the rerun check still sees it.
            evaluator.eval("Executors.newFixedThreadPool(1)", 8, 0);
            assertThat(evaluator.activeVariableNames()).hasSize(2).contains("kept");
            evaluator.reset().close(); // closes the executor
        }
    }
}
