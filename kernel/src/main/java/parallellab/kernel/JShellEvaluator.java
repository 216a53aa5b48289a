package parallellab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * One JShell session evaluating cells in the kernel's JVM. A cell is cut into snippets with
 * {@link SourceCodeAnalysis#analyzeCompletion}; each is evaluated in turn and the first failure
 * ends the cell. Compile errors point at the line of the cell; stack traces are trimmed to the
 * cell's frames and name cell lines instead of JShell's wrapper classes.
 *
 * <p>Memory: every redefinition loads a new class into JShell's one class loader, which never unloads.
 * When new classes replace a snippet's old ones, the static fields of the old ones are cleared, so
 * re-running a cell that holds a big array does not keep every old copy alive.
 */
final class JShellEvaluator implements AutoCloseable {

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?");
    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$(\\d+)");

    private final JShell shell;
    private final GuardedExecutionControl control;
    private final List<String> classPath = new ArrayList<>();
    /** The classes now serving each snippet, by snippet id. */
    private final Map<String, List<Class<?>>> classesOf = new HashMap<>();
    /** Snippet id to where it starts: the cell's execution count and its first line in the cell. */
    private final Map<String, int[]> origins = new HashMap<>();

    JShellEvaluator(List<String> classPath, List<String> imports, java.io.PrintStream out, java.io.PrintStream err) {
        GuardedExecutionControl.Provider provider = new GuardedExecutionControl.Provider();
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(out)
                .err(err)
                .build();
        this.control = provider.created();
        for (String entry : classPath) {
            addToClasspath(entry);
        }
        if (!imports.isEmpty()) {
            for (String imp : imports) {
                shell.eval(imp);
            }
        }
    }

    /** Compiles and runs a throwaway snippet so that the first cell finds javac and the loader warm. */
    void warmUp() {
        for (SnippetEvent event : shell.eval("int warmUp$ = 1 + 1;")) {
            shell.drop(event.snippet());
        }
        control.drainLoaded();
    }

    void addToClasspath(String entry) {
        shell.addToClasspath(entry);
        classPath.add(entry);
    }

    List<String> classPath() {
        return List.copyOf(classPath);
    }

    /**
     * JShell's analysis, made on first use: making it starts a thread that indexes the whole class
     * path for completion (about half a CPU-second), which must not compete with the kernel's start.
     */
    SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    JShell shell() {
        return shell;
    }

    /** Stops the running cell (called from another thread). */
    void stop() {
        control.interruptCell();
    }

    void newCell() {
        control.newCell();
    }

    boolean isRunning() {
        return control.isRunning();
    }

    /** The result of a cell: the value of its last snippet if that was an expression. */
    record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    /**
     * Evaluates code that sits in cell {@code count} starting at line {@code firstLine} (0-based).
     */
    Result eval(String code, int count, int firstLine) throws CellFailure {
        String rest = code;
        int base = 0;
        Result result = Result.NONE;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            String source;
            int consumed;
            if (info.completeness().isComplete()) {
                source = info.source();
                consumed = rest.length() - info.remaining().length();
            } else {
                // Let the compiler say what is missing.
                source = rest;
                consumed = rest.length();
            }
            int start = base + leadingWhitespace(rest);
            // JShell mistakes an import that starts with a line break for a change that invalidates
            // every variable declared so far (they are recompiled and reset to null): strip it.
            result = evalSnippet(source.stripLeading(), code, start, count, firstLine);
            base += consumed;
            rest = rest.substring(consumed);
        }
        return result;
    }

    private Result evalSnippet(String source, String code, int start, int count, int firstLine) throws CellFailure {
        control.clearStopped();
        List<SnippetEvent> events = shell.eval(source);
        adopt(control.drainLoaded());
        Result result = Result.NONE;
        CellFailure failure = null;
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            if (event.causeSnippet() == null) {
                origins.put(snippet.id(), new int[] {count, firstLine + lineOf(code, start)});
                if (event.status() == Snippet.Status.REJECTED) {
                    failure = compileError(snippet, source, code, start, firstLine);
                } else if (event.exception() != null) {
                    failure = runtimeError(event.exception());
                } else if (control.wasStopped()) {
                    failure = CellFailure.interrupted();
                } else if (showsValue(snippet)) {
                    result = new Result(true, control.lastValue());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private static boolean showsValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    /**
     * Files the classes an evaluation loaded under their snippet. JShell names a snippet's classes
     * {@code $JShell$<id>} plus a suffix that changes whenever it recompiles them, which also happens to
     * other snippets that depend on a changed one; classes of a snippet that newer ones replace are released.
     */
    private void adopt(List<Class<?>> loaded) {
        Map<String, List<Class<?>>> bySnippet = new HashMap<>();
        for (Class<?> c : loaded) {
            Matcher m = SNIPPET_CLASS.matcher(c.getName());
            if (m.lookingAt()) {
                bySnippet.computeIfAbsent(m.group(1), id -> new ArrayList<>()).add(c);
            }
        }
        bySnippet.forEach((id, classes) -> {
            List<Class<?>> replaced = classesOf.put(id, classes);
            if (replaced != null) {
                release(replaced);
            }
        });
    }

    /** Clears the static reference fields of replaced classes so that what they held can be collected. */
    private static void release(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            try {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) && !Modifier.isFinal(m) && !f.getType().isPrimitive()) {
                        f.setAccessible(true);
                        f.set(null, null);
                    }
                }
            } catch (RuntimeException | IllegalAccessException | LinkageError e) {
                // Best effort: a class we cannot clear keeps its memory, nothing else goes wrong.
            }
        }
    }

    private CellFailure compileError(Snippet snippet, String source, String code, int start, int firstLine) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
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

    private CellFailure runtimeError(JShellException e) {
        if (e instanceof UnresolvedReferenceException u) {
            DeclarationSnippet s = u.getSnippet();
            String missing = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
            String message = "'" + s.name() + "' cannot be used until " + missing + " is defined";
            return new CellFailure("UnresolvedReferenceException", message, List.of("UnresolvedReferenceException: " + message));
        }
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
            if (!frames[i].getClassName().startsWith("parallellab.kernel.StopSignal")) {
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

    private static int leadingWhitespace(String s) {
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

    @Override
    public void close() {
        shell.close();
    }
}
