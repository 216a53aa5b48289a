package parallellab.kernel.jshell;

import jdk.jshell.SourceCodeAnalysis;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Answers Jupyter's {@code is_complete} from JShell's {@link SourceCodeAnalysis#analyzeCompletion}:
 * complete only when every snippet in the code is; incomplete (with an indent for the next line)
 * when a snippet is unfinished; invalid when JShell cannot make sense of it.
 */
public final class IsComplete {

    static final String INDENT = "    ";

    private IsComplete() {}

    public static String of(SourceCodeAnalysis analysis, String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String verdict = verdict(info.completeness());
            if (verdict != null) {
                return verdict;
            }
            if (info.remaining().length() >= rest.length()) {
                return BaseKernel.IS_COMPLETE_MAYBE;
            }
            rest = info.remaining();
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    /** The answer a snippet of this completeness forces, or null to look at the next snippet. */
    static String verdict(SourceCodeAnalysis.Completeness completeness) {
        return switch (completeness) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> null;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> INDENT;
            case UNKNOWN -> BaseKernel.IS_COMPLETE_BAD;
        };
    }
}
