package parallellab.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rerun expression cell runs as a declaration of the type it had ({@link RepeatedExpressions}): the
 * same value and the same failures as when it ran as written, no variable left, and a type forgotten
 * as soon as a cell changes what a name means.
 */
class RepeatedExpressionsTest {

    private static JShellEvaluator newEvaluator(String... imports) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new JShellEvaluator(List.of(), List.of(imports), quiet, quiet);
    }

    @Test
    void aRerunExpressionGivesTheSameValueAndLeavesNoVariable() throws Exception {
        try (JShellEvaluator evaluator = newEvaluator()) {
            for (int i = 1; i <= 3; i++) {
                assertThat(evaluator.eval("1 + 1", i, 0).value()).isEqualTo(2);
                assertThat(evaluator.eval("\"a\" + 1 // a comment", i, 0).value()).isEqualTo("a1");
                assertThat(evaluator.eval("Math.sqrt(2.25);", i, 0).value()).isEqualTo(1.5);
            }
            assertThat(evaluator.repeatedExpressions()).isEqualTo(6);
            assertThat(evaluator.activeVariableNames()).isEmpty();
        }
    }

    @Test
    void aDeclarationForgetsTheTypes() throws Exception {
        try (JShellEvaluator evaluator = newEvaluator()) {
            evaluator.eval("int x = 1;", 1, 0);
            assertThat(evaluator.eval("x + 1", 2, 0).value()).isEqualTo(2);
            assertThat(evaluator.eval("x + 1", 3, 0).value()).isEqualTo(2);
            evaluator.eval("double x = 2.5;", 4, 0);
            assertThat(evaluator.eval("x + 1", 5, 0).value()).isEqualTo(3.5);
            assertThat(evaluator.eval("x + 1", 6, 0).value()).isEqualTo(3.5);
            evaluator.eval("String x = \"s\";", 7, 0);
            assertThat(evaluator.eval("x + 1", 8, 0).value()).isEqualTo("s1");
            evaluator.drop("x");
            assertThatThrownBy(() -> evaluator.eval("x + 1", 9, 0)).isInstanceOf(CellFailure.class);
            assertThat(evaluator.repeatedExpressions()).isEqualTo(2);
            assertThat(evaluator.activeVariableNames()).isEmpty();
        }
    }

    @Test
    void aRerunThatThrowsFailsAsTheFirstRunWould() throws Exception {
        try (JShellEvaluator evaluator = newEvaluator()) {
            evaluator.eval("int[] counts = {3, 0};", 1, 0);
            assertThat(evaluator.eval("12 / counts[0]", 2, 0).value()).isEqualTo(4);
            evaluator.eval("counts[0] = 0;", 3, 0); // a statement: the type of the expression still holds
            CellFailure asWritten = failure(evaluator, "12 / counts[0] + 0", 4);
            CellFailure rerun = failure(evaluator, "12 / counts[0]", 4);
            assertThat(evaluator.repeatedExpressions()).isEqualTo(1);
            assertThat(rerun.ename()).isEqualTo(asWritten.ename()).contains("ArithmeticException");
            assertThat(rerun.evalue()).isEqualTo(asWritten.evalue());
            assertThat(rerun.traceback()).isEqualTo(asWritten.traceback());
            assertThat(evaluator.activeVariableNames()).containsExactly("counts");
        }
    }

    private static CellFailure failure(JShellEvaluator evaluator, String code, int count) {
        try {
            evaluator.eval(code, count, 0);
        } catch (CellFailure f) {
            return f;
        }
        throw new AssertionError(code + " did not fail");
    }

    @Test
    void aRerunThatReplacesAResourceStillClosesTheOldOne() throws Exception {
        try (JShellEvaluator evaluator = newEvaluator("import java.util.*;", "import java.util.concurrent.*;")) {
            evaluator.eval("ExecutorService pool = Executors.newFixedThreadPool(1);", 1, 0);
            evaluator.eval("List<ExecutorService> seen = new ArrayList<>();", 2, 0);
            String replace = "seen.add(pool) && (pool = Executors.newFixedThreadPool(1)) != null"; // a boolean
            evaluator.eval(replace, 3, 0);
            evaluator.eval(replace, 3, 0);
            assertThat(evaluator.repeatedExpressions()).isEqualTo(1);
            assertThat(evaluator.eval("seen.get(0).isShutdown() && seen.get(1).isShutdown() && !pool.isShutdown()", 4, 0).value()).isEqualTo(true);
            evaluator.reset().close();
        }
    }

    @Test
    void onlySimpleTypesAreRemembered() throws Exception {
        try (JShellEvaluator evaluator = newEvaluator("import java.util.*;")) {
            for (int i = 1; i <= 2; i++) {
                assertThat(evaluator.eval("List.of(1, 2)", i, 0).value()).isEqualTo(List.of(1, 2));
                assertThat(evaluator.eval("new Object() { int n = 3; }.n", i, 0).value()).isEqualTo(3);
            }
            assertThat(evaluator.repeatedExpressions()).isEqualTo(1); // the anonymous class's field is an int
        }
    }
}
