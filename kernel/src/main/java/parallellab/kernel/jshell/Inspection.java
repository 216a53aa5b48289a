package parallellab.kernel.jshell;

import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The text for Jupyter's {@code inspect_request} (Shift+Tab): the signatures and Javadoc JShell
 * finds for the expression at the cursor. JShell documents a method when the cursor is inside its
 * argument list, so a bare name is also tried as a call and as a type.
 */
public final class Inspection {

    private Inspection() {}

    public static String describe(SourceCodeAnalysis analysis, String code, int at) {
        int cursor = Math.min(at, code.length());
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String upto = code.substring(0, end);
        for (String attempt : List.of(upto, upto + "(")) {
            String text = render(analysis.documentation(attempt, attempt.length(), true));
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String render(List<SourceCodeAnalysis.Documentation> docs) {
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(doc.javadoc().strip()).append("\n\n");
            }
        }
        return text.toString();
    }
}
