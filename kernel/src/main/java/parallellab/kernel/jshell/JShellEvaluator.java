package parallellab.kernel.jshell;

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
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One JShell session evaluating cells in the kernel's JVM. A cell is cut into snippets with
 * {@link SourceCodeAnalysis#analyzeCompletion}; each is evaluated in turn and the first failure
 * ends the cell, as a {@link CellFailure} that {@link Tracebacks} words in the cell's lines.
 *
 * <p>Memory: every redefinition loads a new class into JShell's one class loader, which never unloads.
 * When new classes replace a snippet's old ones, the static fields of the old ones are cleared, so
 * re-running a cell that holds a big array does not keep every old copy alive. A kit resource (a
 * process pool, an executor) that no variable holds any more after a snippet is closed
 * ({@link CellResources}).
 *
 * <p>Forgiving what plain JShell does not: a single-type import and a declaration of the same simple
 * name make every later snippet fail to compile, so the kernel drops the import (see
 * {@link #resolveClashes}); a definition that JShell accepts only as "recoverable" is reported.
 */
public final class JShellEvaluator implements AutoCloseable {

    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$(\\d+)");

    private final JShell shell;
    private final GuardedExecutionControl control;
    private final List<String> classPath = new ArrayList<>();
    private final List<String> imports;
    private final java.io.PrintStream out;
    private final java.io.PrintStream err;
    /** The classes now serving each snippet, by snippet id. */
    private final Map<String, List<Class<?>>> classesOf = new HashMap<>();
    private final Tracebacks tracebacks = new Tracebacks();
    private final IndexerGate indexerGate = new IndexerGate();
    private final RepeatedExpressions repeated = new RepeatedExpressions();

    public JShellEvaluator(List<String> classPath, List<String> imports, java.io.PrintStream out, java.io.PrintStream err) {
        GuardedExecutionControl.Provider provider = new GuardedExecutionControl.Provider();
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .fileManager(fm -> IndexKeepingFileManager.wrap(fm, indexerGate))
                .out(out)
                .err(err)
                .build();
        this.control = provider.created();
        this.imports = List.copyOf(imports);
        this.out = out;
        this.err = err;
        // JShell compiles against this JVM's class path from the start, and snippet classes load through
        // the application class loader: adding those jars again would only give javac each jar twice.
        List<String> launched = List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator));
        for (String entry : classPath) {
            if (launched.contains(entry)) {
                this.classPath.add(entry);
            } else {
                addToClasspath(entry);
            }
        }
        if (!imports.isEmpty()) {
            for (String imp : imports) {
                shell.eval(imp);
            }
        }
    }

    /**
     * Compiles and runs a throwaway snippet so that the first cell finds javac and the loader warm, and
     * makes JShell's analysis, which every cell uses to split its code into snippets: its class-path
     * indexer thread (held back by {@link IndexerGate}) then starts with the kernel, not inside the
     * first cell, where the kernel's census would take it for a thread the cell left behind.
     */
    public void warmUp() {
        analysis().analyzeCompletion("int warmUp$ = 1 + 1;");
        for (SnippetEvent event : shell.eval("int warmUp$ = 1 + 1;")) {
            shell.drop(event.snippet());
        }
        control.drainLoaded();
    }

    /**
     * For {@code %reset}: closes every kit resource a variable holds and this JShell, and returns a fresh
     * one with the same class path (jars added by {@code %jars} included) and the default imports.
     */
    public JShellEvaluator reset() {
        for (CellResources.Held held : heldResources()) {
            CellResources.close(held, "%reset", out);
        }
        close();
        JShellEvaluator fresh = new JShellEvaluator(classPath, imports, out, err);
        fresh.warmUp();
        return fresh;
    }

    /** The imports every cell starts with, then those the cells added, in order. */
    public List<String> activeImports() {
        return shell.imports().filter(i -> shell.status(i).isActive()).map(i -> i.source().strip()).toList();
    }

    /**
     * {@code %drop}: drops the active snippets that declare or import {@code name} (or have that
     * snippet id), as JShell's {@code /drop}, and closes what their variables held. Says what it dropped.
     */
    public List<String> drop(String name) {
        repeated.forget();
        List<CellResources.Held> held = heldResources();
        List<String> dropped = new ArrayList<>();
        for (Snippet s : shell.snippets().toList()) {
            if (!shell.status(s).isActive()) {
                continue;
            }
            boolean match = s.id().equals(name)
                    || (s instanceof ImportSnippet i ? i.name().equals(name) || i.fullname().equals(name)
                    : s instanceof DeclarationSnippet d && d.name().equals(name));
            if (match) {
                shell.drop(s);
                dropped.add(describe(s));
            }
        }
        // A dropped type gives its name back to the default import it had hidden (see resolveClashes).
        imports.stream().filter(i -> i.endsWith("." + name + ";") && !i.contains("*")).forEach(shell::eval);
        adopt(control.drainLoaded());
        CellResources.closeOrphans(held, heldResources(), "%drop", out);
        return dropped;
    }

    /** The names of the active variables, for tests. */
    List<String> activeVariableNames() {
        return shell.variables().filter(v -> shell.status(v).isActive()).map(VarSnippet::name).toList();
    }

    /** What the active variables hold that the kernel may close, by variable. */
    private List<CellResources.Held> heldResources() {
        List<CellResources.Held> held = new ArrayList<>();
        shell.variables().filter(v -> shell.status(v).isActive()).forEach(v -> {
            Object value = valueOf(v);
            if (value != null && CellResources.isResource(value)) {
                held.add(new CellResources.Held(v.name(), value));
            }
        });
        return held;
    }

    /** A variable's value: JShell keeps it in a static field of its snippet's class. */
    private Object valueOf(VarSnippet v) {
        for (Class<?> c : classesOf.getOrDefault(v.id(), List.of())) {
            try {
                Field f = c.getDeclaredField(v.name());
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    return f.get(null);
                }
            } catch (NoSuchFieldException e) {
                // Another class of the snippet holds it.
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
        return null;
    }

    public void addToClasspath(String entry) {
        repeated.forget();
        shell.addToClasspath(entry);
        classPath.add(entry);
    }

    /**
     * JShell's analysis, made on first use: making it starts a thread that indexes the whole class
     * path for completion (about a CPU-second), which {@link IndexerGate} holds back until no cell runs.
     */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** The analysis for completion and inspection, which need the class-path index: its indexer may start now. */
    public SourceCodeAnalysis completionAnalysis() {
        indexerGate.open();
        return analysis();
    }

    /** Stops the running cell (called from another thread). */
    public void stop() {
        control.interruptCell();
    }

    public void newCell() {
        control.newCell();
    }

    /** The result of a cell: the value of its last snippet if that was an expression. */
    public record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    /**
     * Evaluates code that sits in cell {@code count} starting at line {@code firstLine} (0-based).
     */
    public Result eval(String code, int count, int firstLine) throws CellFailure {
        indexerGate.cellStarted();
        try {
            return evalSnippets(code, count, firstLine);
        } finally {
            indexerGate.cellEnded();
        }
    }

    private Result evalSnippets(String code, int count, int firstLine) throws CellFailure {
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
            int start = base + Tracebacks.leadingWhitespace(rest);
            // JShell mistakes an import that starts with a line break for a change that invalidates
            // every variable declared so far (they are recompiled and reset to null): strip it.
            result = evalSnippet(source.stripLeading(), code, start, count, firstLine);
            base += consumed;
            rest = rest.substring(consumed);
        }
        return result;
    }

    private Result evalSnippet(String source, String code, int start, int count, int firstLine) throws CellFailure {
        String declaration = repeated.declarationFor(source);
        if (declaration != null) {
            Result result = evalRepeated(declaration, code, start, count, firstLine);
            if (result != null) {
                return result;
            }
        }
        control.clearStopped();
        List<CellResources.Held> held = heldResources();
        List<SnippetEvent> events = shell.eval(source);
        adopt(control.drainLoaded());
        repeated.observe(source, events);
        Result result = Result.NONE;
        CellFailure failure = null;
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            if (event.causeSnippet() == null) {
                tracebacks.origin(snippet.id(), count, firstLine + Tracebacks.lineOf(code, start));
                if (event.status() == Snippet.Status.REJECTED) {
                    failure = tracebacks.compileError(shell.diagnostics(snippet).filter(Diag::isError).toList(), source, code, start, firstLine);
                } else if ((failure = failureOfRun(event)) == null && showsValue(snippet)) {
                    result = new Result(true, control.lastValue());
                }
                boolean recoverable = event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED;
                if (failure == null && (event.status() == Snippet.Status.VALID || recoverable)) {
                    failure = resolveClashes(snippet);
                }
                if (recoverable && snippet instanceof DeclarationSnippet d) {
                    err.println(recoverable(d, event));
                }
            }
        }
        CellResources.closeOrphans(held, heldResources(), "a rerun replaced it", out);
        forgetTemporaryVariables(events);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /**
     * An expression that ran before, sent as a declaration of its type ({@link RepeatedExpressions}):
     * its value, or its failure; null when JShell refused the declaration after all, and the expression
     * is then evaluated as written.
     */
    private Result evalRepeated(String declaration, String code, int start, int count, int firstLine) throws CellFailure {
        control.clearStopped();
        List<CellResources.Held> held = heldResources(); // (pool = ProcessPool.create(2)) != null is a boolean
        List<SnippetEvent> events = shell.eval(declaration);
        adopt(control.drainLoaded());
        SnippetEvent event = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (event == null || event.status() != Snippet.Status.VALID) {
            repeated.forget();
            events.stream().map(SnippetEvent::snippet).filter(s -> shell.status(s).isActive()).forEach(shell::drop);
            return null;
        }
        repeated.counted();
        Snippet snippet = event.snippet();
        tracebacks.origin(snippet.id(), count, firstLine + Tracebacks.lineOf(code, start));
        CellFailure failure = failureOfRun(event);
        Result result = failure == null ? new Result(true, control.lastValue()) : null;
        if (shell.status(snippet).isActive()) {
            shell.drop(snippet);
        }
        classesOf.remove(snippet.id());
        CellResources.closeOrphans(held, heldResources(), "a rerun replaced it", out);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** What went wrong when a compiled snippet ran: its exception, or an interrupt that stopped it; null if nothing. */
    private CellFailure failureOfRun(SnippetEvent event) {
        if (event.exception() != null) {
            return runtimeError(event.exception());
        }
        return control.wasStopped() ? CellFailure.interrupted() : null;
    }

    /** How many cells ran as a repeated expression's declaration (for tests). */
    int repeatedExpressions() {
        return repeated.repeats();
    }

    /**
     * Drops the variable JShell made to hold an expression's value ({@code $12}) once the value is
     * taken. JShell compiles every later snippet with a static import of each active variable, so a
     * notebook that had shown a thousand values would compile each cell against a thousand imports:
     * measured, a {@code 1+1} cell took 14 ms after 200 such cells and 33 ms after 1,200, against a
     * steady 6.5 ms with the drop. A notebook never names {@code $12} (it shows the value, not the
     * name), so nothing is lost; a kit resource ({@code ProcessPool.create(2)} on its own) keeps its
     * variable, so that the rerun and leftover checks still see it.
     */
    private void forgetTemporaryVariables(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null && event.snippet() instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && shell.status(v).isActive()) {
                Object value = valueOf(v);
                if (value == null || !CellResources.isResource(value)) {
                    shell.drop(v);
                    classesOf.remove(v.id());
                }
            }
        }
    }

    /** An exception of a snippet as a failure; for a definition that cannot be used yet, with what it is missing. */
    private CellFailure runtimeError(JShellException e) {
        if (e instanceof UnresolvedReferenceException u) {
            DeclarationSnippet s = u.getSnippet();
            String missing = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
            String message = missing.isEmpty()
                    ? describe(s) + " cannot be used: " + shell.diagnostics(s).filter(Diag::isError)
                            .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse("")).collect(Collectors.joining("; "))
                    : describe(s) + " cannot be used until " + missing + " is declared";
            return new CellFailure("UnresolvedReferenceException", message, List.of("UnresolvedReferenceException: " + message));
        }
        return tracebacks.exception(e);
    }

    /**
     * A single-type import and a type declared in a cell with the same simple name break every later
     * snippet in JShell ("a type with the same simple name is already defined by the single-type-import").
     * A new declaration wins over an import (as a class's own name hides an import in Java); a new
     * import of a name a cell declared is refused. Either way the import is dropped.
     */
    private CellFailure resolveClashes(Snippet snippet) {
        if (snippet instanceof TypeDeclSnippet type) {
            for (ImportSnippet i : activeSingleTypeImports()) {
                if (i.name().equals(type.name())) {
                    shell.drop(i);
                    out.println("note: your " + describe(type) + " now hides " + i.fullname() + " (its import is dropped)");
                }
            }
        } else if (snippet instanceof ImportSnippet i && i.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND) {
            TypeDeclSnippet declared = shell.types().filter(t -> shell.status(t).isActive() && t.name().equals(i.name()))
                    .findFirst().orElse(null);
            if (declared != null) {
                shell.drop(i);
                adopt(control.drainLoaded());
                String message = "import " + i.fullname() + " clashes with the " + describe(declared)
                        + " a cell declared, so it was not kept; to use the imported one, run %drop " + i.name() + " first";
                return new CellFailure("CompilationError", message, List.of("\u001b[31mCompile error: " + message + "\u001b[0m"));
            }
        }
        return null;
    }

    private List<ImportSnippet> activeSingleTypeImports() {
        return shell.imports().filter(i -> shell.status(i).isActive() && i.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND).toList();
    }

    /** JShell's own words for a definition that compiled but cannot be used yet, the missing names included. */
    private String recoverable(DeclarationSnippet d, SnippetEvent event) {
        String verb = event.previousStatus() == Snippet.Status.NONEXISTENT ? "created " : "updated ";
        List<String> missing = shell.unresolvedDependencies(d).toList();
        String until;
        if (missing.isEmpty()) {
            until = "used: " + shell.diagnostics(d).filter(Diag::isError).map(x -> x.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                    .collect(Collectors.joining("; "));
        } else {
            String use = event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED ? "referenced"
                    : d.kind() == Snippet.Kind.METHOD ? "invoked" : d.kind() == Snippet.Kind.TYPE_DECL ? "instantiated" : "used";
            until = use + " until " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " declared";
        }
        return "warning: " + verb + describe(d) + ", however, it cannot be " + until;
    }

    /** A snippet as JShell names it: "record Tempo", "method count", "variable pool", "import java.util.Stack". */
    static String describe(Snippet s) {
        if (s instanceof ImportSnippet i) {
            return "import " + i.fullname();
        }
        String name = s instanceof DeclarationSnippet d ? d.name() : s.id();
        String kind = switch (s.subKind()) {
            case CLASS_SUBKIND -> "class";
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case RECORD_SUBKIND -> "record";
            case METHOD_SUBKIND -> "method";
            default -> s.kind() == Snippet.Kind.VAR ? "variable" : "snippet";
        };
        return kind + " " + name;
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

    @Override
    public void close() {
        shell.close();
    }
}
