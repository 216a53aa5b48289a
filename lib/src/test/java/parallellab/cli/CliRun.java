package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

/** One run of a {@code ./lab} subcommand in this JVM, with what it printed; and the check every bad input must pass. */
record CliRun(int code, String out, String err) {

    static CliRun of(String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), Stream.concat(Stream.of(command), Stream.of(args)).toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Each case fails with a clear one-line error (picocli may add a "Try ... --help" line) and prints nothing else. */
    static void assertEachIsAOneLineError(String command, List<List<String>> cases) {
        for (List<String> args : cases) {
            CliRun run = of(command, args.toArray(String[]::new));
            assertThat(run.code()).as(args.toString()).isNotZero();
            assertThat(run.err()).as(args.toString()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(run.err().strip().lines().count()).as(args.toString()).isLessThanOrEqualTo(2);
            assertThat(run.out()).as(args.toString()).isEmpty();
        }
    }
}
