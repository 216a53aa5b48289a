package parallellab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./lab} command line: {@code scan} (and, as the lessons grow, {@code bench}, {@code grow}).
 *
 * <p>A user mistake gets one line on stderr and a non-zero exit, never a stack trace: picocli's
 * parameter errors print the message and a hint, anything else prints {@code error: ...}. Run with
 * {@code -Dparallellab.debug=true} to see the stack trace of an unexpected error.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "parallel-lab 0.1",
        description = "Scan an audio library, measure and compare ways of doing it.",
        subcommands = {
            ScanCommand.class,
            BenchCommand.class,
            GrowCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Tablesaw starts SLF4J, which warns on stderr that no logger is bound: noise for a user.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@code execute(args)} in-process (tests, the kernel). */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /** Runs {@code args} writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
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
