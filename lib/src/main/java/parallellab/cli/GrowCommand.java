package parallellab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import parallellab.grow.LibraryGrower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lab grow}: makes a big library from the bundled one, for scale experiments (scan time
 * against the number of files). The bundled files are only read; the copies get new tags.
 */
@Command(name = "grow", mixinStandardHelpOptions = true,
        description = "Grow a library of N distinct, tagged audio files from the bundled one (for scale experiments).")
public final class GrowCommand implements Callable<Integer> {

    @Option(names = "--from", defaultValue = "data/library", description = "library to copy tracks from (default: ${DEFAULT-VALUE})")
    Path from;

    @Option(names = "--to", required = true, description = "new folder to write the grown library into")
    Path to;

    @Option(names = "--files", required = true, description = "how many files to write, for example 10000")
    int files;

    @Option(names = "--seed", defaultValue = "1", description = "fixes which track each copy comes from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--force", description = "replace a folder that an earlier grow wrote")
    boolean force;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (files < 1) {
            throw new IllegalArgumentException("--files must be at least 1 (got " + files + ")");
        }
        LibraryGrower grower = LibraryGrower.from(from);
        prepareTarget();
        long start = System.nanoTime();
        LibraryGrower.Grown grown = grower.grow(to, files, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "grew %d files (%.1f MB) from %d tracks into %s in %.1f s%n", grown.files(),
                grown.bytes() / 1e6, grown.sources(), to, (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    private void prepareTarget() throws IOException {
        if (!Files.exists(to)) {
            return;
        }
        if (!Files.isDirectory(to)) {
            throw new IllegalArgumentException("--to is a file, not a folder: " + to);
        }
        if (LibraryGrower.isEmptyFolder(to)) {
            return;
        }
        if (!force) {
            throw new IllegalArgumentException("target folder is not empty: " + to + " (choose a new folder, or --force to replace an earlier grow)");
        }
        LibraryGrower.clearGrown(to);
    }
}
