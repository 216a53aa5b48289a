package parallellab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./lab} command line: {@code scan} (and, as the lessons grow, {@code bench}, {@code grow}).
 *
 * <p>A user mistake gets one line on stderr and a non-zero exit, never a stack trace: picocli's
 * parameter errors print the message and a hint, anything else prints {@code error: ...}. Run with
 * {@code -Dparallellab.debug=true} to see the stack trace of an unexpected error.
 *
 * <p>Start-up matters here (the first lesson times the whole process): picocli builds its model of a
 * command by reflection over its annotated fields, so {@code ./lab scan ...} builds only the
 * {@code scan} command, not all of them; any other first word (a typo, {@code --help}) gets all.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "parallel-lab 0.1",
        description = "Scan an audio library, measure and compare ways of doing it.")
public final class Main implements Runnable {

    /** The subcommands by name, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("scan", ScanCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("grow", GrowCommand::new);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Tablesaw starts SLF4J, which warns on stderr that no logger is bound: noise for a user.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // picocli looks for Groovy's Closure class once, and a class that is not there is looked for in
        // every jar on the class path, opening each one: ~10 ms for a feature the kit does not use.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        // JNA (getrusage, for user and sys time) reads the system's library path at its start by running
        // `ldconfig -p`, a child process; the kit loads only the C library, which JNA takes from the process.
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, for {@code execute(args)} in-process (tests, the kernel). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for {@code args}: only the subcommand they name when they name one, else all of them. */
    private static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
        }
        return configure(cli); // after the subcommands: picocli's settings reach only those already added
    }

    /** Runs {@code args} writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static CommandLine configure(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandName() + " --help'");
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (Boolean.getBoolean("parallellab.debug")) {
                e.printStackTrace(err);
            } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                err.println("error: " + e.getMessage()); // our own one-line messages
            } else {
                String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
                err.println("error: " + e.getClass().getSimpleName() + message + " (rerun with -Dparallellab.debug=true for details)");
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
