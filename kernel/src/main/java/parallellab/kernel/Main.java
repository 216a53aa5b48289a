package parallellab.kernel;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import parallellab.measure.Measure;
import parallellab.kernel.jshell.JShellEvaluator;

/**
 * Starts the kernel: {@code java ... parallellab.kernel.Main <connection file>} (kernel.json does it).
 * JShell starts on a background thread while the sockets are bound and the front end shakes hands,
 * so the first cell waits only for what is left of its start-up.
 */
public final class Main {

    /**
     * Java packages every cell imports: plain JShell's default imports, plus java.util.concurrent.atomic
     * and java.time, which the lessons use.
     */
    static final List<String> JAVA_IMPORTS = List.of(
            "java.io", "java.math", "java.net", "java.nio.file", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.function", "java.util.prefs", "java.util.regex", "java.util.stream",
            "java.time");

    /**
     * The kit's packages (and Tablesaw's API) every cell imports. The one list to edit when a package
     * comes or goes; a package that is not on the class path is skipped.
     */
    static final List<String> KIT_IMPORTS = List.of(
            "parallellab.lessons", "parallellab.scan", "parallellab.work", "parallellab.measure",
            "parallellab.bench", "parallellab.plot", "parallellab.profile", "parallellab.pool",
            "parallellab.gil", "tech.tablesaw.api");

    /**
     * Where a kit class and a java.util class share a simple name, java's wins in a cell (a learner
     * knows java.util.Stack); the kit's is used by its full name, e.g. {@code parallellab.profile.Stack}.
     * A cell that declares a type of the same name drops the import (see {@link JShellEvaluator}).
     */
    static final List<String> JAVA_WINS = List.of("java.util.Stack");

    private Main() {}

    /** The argument for the training run that fills the class-data archive (see {@link Install}). */
    static final String TRAIN = "--train";

    public static void main(String[] args) throws Exception {
        // JNA (getrusage, which times every cell) reads the system's library path at its start by running
        // `ldconfig -p`, a child process, during the kernel's start; the kit loads only the C library,
        // which JNA takes from the process itself.
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        if (args.length == 1 && args[0].equals(TRAIN)) {
            train();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: parallellab.kernel.Main <connection file>");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("parallel-lab kernel: no connection file at " + connectionFile);
            System.exit(2);
        }
        serve(KernelConnectionProperties.parse(Files.readString(connectionFile)), System.err);
        // Threads that cells started must not keep a shut-down kernel alive.
        System.exit(0);
    }

    /**
     * Runs a kernel on the connection's ports until a front end shuts it down. JShell starts on a thread of its
     * own while the sockets are bound and the front end shakes hands.
     */
    static void serve(KernelConnectionProperties properties, PrintStream log) throws Exception {
        OutputRouter output = new OutputRouter();
        CellInput input = new CellInput();

        CompletableFuture<JShellEvaluator> evaluator = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                JShellEvaluator e = new JShellEvaluator(classPath(), imports(), output.out(), output.err());
                e.warmUp();
                evaluator.complete(e);
                StartupCache.remakeIfStale(log);
            } catch (Throwable t) {
                t.printStackTrace(log);
                evaluator.completeExceptionally(t);
            }
        }, "jshell-start");
        starter.setDaemon(true);
        starter.start();

        JupyterConnection connection = new PromptConnection(properties, log);
        // From here on, what any thread prints belongs to a cell (start-up chatter above went to the log).
        System.setOut(output.out());
        System.setErr(output.err());
        System.setIn(input);
        LabKernel kernel = new LabKernel(evaluator, output, input, new CellHistory(), log);
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        Measure.time(() -> { }); // loads the rusage binding (JNA) that times every cell, while JShell starts
        connection.waitUntilClose();
    }

    /** The training run that fills the start-up cache: a whole kernel, driven through its sockets ({@link TrainingRun}). */
    static void train() {
        PrintStream log = System.err; // the kernel routes System.err to its cells once it runs
        try {
            TrainingRun.run(log);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace(log);
            System.exit(1);
        }
    }

    /** This JVM's class path (the launcher has expanded its wildcards), one entry per jar name. */
    static List<String> classPath() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                byName.putIfAbsent(Path.of(entry).getFileName().toString(), entry);
            }
        }
        return new ArrayList<>(byName.values());
    }

    static List<String> imports() {
        List<String> imports = new ArrayList<>();
        JAVA_IMPORTS.forEach(pkg -> imports.add("import " + pkg + ".*;"));
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        for (String pkg : KIT_IMPORTS) {
            if (loader.getResource(pkg.replace('.', '/') + "/") != null) {
                imports.add("import " + pkg + ".*;");
            }
        }
        JAVA_WINS.forEach(type -> imports.add("import " + type + ";"));
        imports.add("import static parallellab.kernel.Notebook.*;");
        imports.add("import parallellab.kernel.CellTimings;");
        return imports;
    }
}
