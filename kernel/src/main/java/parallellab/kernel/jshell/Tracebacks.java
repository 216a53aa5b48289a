package parallellab.kernel.jshell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/**
 * A cell's failure as the learner should read it: compile errors point at the line of the cell with a
 * caret, and stack traces keep only the cell's frames and name cell lines ("cell [3] line 2") instead
 * of JShell's wrapper classes ({@code REPL.$JShell$12B}). The evaluator says where each snippet starts;
 * this class only formats.
 */
final class Tracebacks {

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?");

    /** Snippet id to where it starts: the cell's execution count and its first line in the cell. */
    private final Map<String, int[]> origins = new HashMap<>();

    /** Snippet {@code id} starts in cell {@code count} at line {@code line} (0-based). */
    void origin(String id, int count, int line) {
        origins.put(id, new int[] {count, line});
    }

    /** Compile errors, each pointing at its line of the cell, with a caret under where it starts. */
    CellFailure compileError(List<Diag> diags, String source, String code, int start, int firstLine) {
        if (diags.isEmpty()) {
            return new CellFailure("CompilationError", "the code could not be compiled",
                    List.of("Compile error: the code could not be compiled."));
        }
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            int at = (int) Math.min(code.length(), start + Math.max(0, pos) - leadingWhitespace(source));
            int line = lineOf(code, at);
            int lineStart = code.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = code.indexOf('\n', at);
            String text = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
            String message = d.getMessage(Locale.ROOT);
            String headline = "line " + (firstLine + line + 1) + ": " + message.lines().findFirst().orElse(message);
            if (first == null) {
                first = headline;
            }
            lines.add("\u001b[31mCompile error at " + headline + "\u001b[0m");
            lines.add("    " + text);
            lines.add("    " + " ".repeat(Math.max(0, at - lineStart)) + "^");
            message.lines().skip(1).forEach(l -> lines.add("  " + l));
        }
        return new CellFailure("CompilationError", first, lines);
    }

    /** An exception a snippet threw, with the cell's frames only, named by cell and line. */
    CellFailure exception(JShellException e) {
        List<String> lines = new ArrayList<>();
        String ename = e instanceof EvalException ee ? simpleName(ee.getExceptionClassName()) : e.getClass().getSimpleName();
        String evalue = e.getMessage() == null ? "" : clean(e.getMessage());
        Throwable t = e;
        boolean firstCause = true;
        while (t != null) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            String msg = t.getMessage() == null ? null : clean(t.getMessage());
            lines.add((firstCause ? "" : "Caused by: ") + "\u001b[31m" + name + (msg == null ? "" : ": " + msg) + "\u001b[0m");
            for (StackTraceElement frame : userFrames(t.getStackTrace())) {
                lines.add("\tat " + describe(frame));
            }
            t = t.getCause();
            firstCause = false;
        }
        return new CellFailure(ename, evalue, lines);
    }

    /** The frames up to the outermost cell frame: the reflection and kernel frames below it are noise. */
    private static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            String file = frames[i].getFileName();
            if (file != null && file.startsWith("#")) {
                last = i;
            }
        }
        int end = last >= 0 ? last + 1 : frames.length;
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (!frames[i].getClassName().startsWith(StopSignal.class.getName())) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    private String describe(StackTraceElement frame) {
        String cls = WRAPPER.matcher(frame.getClassName()).replaceAll("");
        boolean cellBody = frame.getMethodName().equals("do_it$");
        String where = cellBody ? "" : cls.isEmpty() ? frame.getMethodName() : cls + "." + frame.getMethodName();
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            int[] origin = origins.get(file.substring(1));
            if (origin != null && frame.getLineNumber() > 0) {
                String at = "cell [" + origin[0] + "] line " + (origin[1] + frame.getLineNumber());
                return cellBody ? at : where + "(" + at + ")";
            }
            return cellBody ? "cell" : where + "(cell)";
        }
        return where + "(" + (file == null ? "Unknown Source" : file + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "")) + ")";
    }

    private static String clean(String text) {
        return WRAPPER.matcher(text).replaceAll("");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** 0-based line of a character offset. */
    static int lineOf(String s, int offset) {
        int line = 0;
        for (int i = 0; i < Math.min(offset, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
