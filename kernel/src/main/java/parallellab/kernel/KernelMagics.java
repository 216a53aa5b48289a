package parallellab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import parallellab.kernel.jshell.CellFailure;

/**
 * The line magics that need this kernel's JShell: {@code %jars} and {@code %classpath} (add jars or
 * folders, globs allowed), {@code %load} (run a file of Java snippets), {@code %lsmagic} (list the
 * magics), {@code %timing on|off} (print each cell's time after it), {@code %maven} (resolve
 * artifacts from Maven Central with their dependencies), {@code %drop NAME} (drop a definition or an
 * import, as JShell's {@code /drop}), {@code %reset} (a fresh JShell in this kernel, closing what the old
 * one held) and {@code %imports} (what every cell imports, and what cells added).
 */
final class KernelMagics {

    private KernelMagics() {}

    static void register(LabKernel kernel, MagicsRegistry registry) {
        LineMagic<List<String>, LabKernel> addJars = (k, args) -> addToClasspath(k, args);
        registry.registerLineMagic("jars", addJars);
        registry.registerLineMagic("classpath", addJars);
        registry.registerLineMagic("load", (LineMagic<Object, LabKernel>) (k, args) -> {
            if (args.size() != 1) {
                throw failure("%load needs one file: %load path/to/snippets.jsh");
            }
            Path file = Path.of(args.get(0));
            if (!Files.isRegularFile(file)) {
                throw failure("%load: no such file: " + file.toAbsolutePath());
            }
            return k.evaluator().eval(LabKernel.read(file), k.currentCell(), 0).value();
        });
        registry.registerLineMagic("drop", (LineMagic<Void, LabKernel>) (k, args) -> {
            if (args.isEmpty()) {
                throw failure("usage: %drop NAME [NAME...]  (a class, record, method, variable or import, as JShell's /drop)");
            }
            for (String name : args) {
                List<String> dropped = k.evaluator().drop(name);
                if (dropped.isEmpty()) {
                    throw failure("%drop: nothing named " + name + " is defined or imported");
                }
                dropped.forEach(d -> System.out.println("dropped " + d));
            }
            return null;
        });
        registry.registerLineMagic("reset", (LineMagic<Void, LabKernel>) (k, args) -> {
            k.reset();
            return null;
        });
        registry.registerLineMagic("imports", (LineMagic<Void, LabKernel>) (k, args) -> {
            k.evaluator().activeImports().forEach(System.out::println);
            return null;
        });
        registry.registerLineMagic("lsmagic", (LineMagic<Void, LabKernel>) (k, args) -> {
            System.out.println("Line magics: " + String.join(" ", new TreeSet<>(registry.getLineMagicNames()).stream().map(n -> "%" + n).toList()));
            System.out.println("Cell magics: " + String.join(" ", new TreeSet<>(registry.getCellMagicNames()).stream().map(n -> "%%" + n).toList()));
            return null;
        });
        registry.registerLineMagic("timing", (LineMagic<Void, LabKernel>) (k, args) -> {
            if (args.size() != 1 || !(args.get(0).equals("on") || args.get(0).equals("off"))) {
                throw failure("usage: %timing on|off");
            }
            k.timingSummary(args.get(0).equals("on"));
            return null;
        });
        registry.registerLineMagic("maven", (LineMagic<List<String>, LabKernel>) (k, args) -> {
            if (args.isEmpty()) {
                throw failure("usage: %maven group:artifact:version [more coordinates...]");
            }
            List<String> jars = new ArrayList<>();
            Map<String, String> kernelJars = new HashMap<>();
            for (String entry : Main.classPath()) {
                String name = Path.of(entry).getFileName().toString();
                kernelJars.put(artifactName(name), name);
            }
            for (Path jar : k.maven().resolve(args)) {
                String name = jar.getFileName().toString();
                String kernelJar = kernelJars.get(artifactName(name));
                if (kernelJar != null) {
                    // The cells' loader asks the kernel's class path first: say which version they get.
                    if (!kernelJar.equals(name)) {
                        System.out.println("note: the kernel already has " + kernelJar + ", which cells use instead of " + name);
                    }
                    continue;
                }
                k.evaluator().addToClasspath(jar.toString());
                jars.add(name);
            }
            System.out.println("added to the class path: " + (jars.isEmpty() ? "nothing new" : String.join(", ", jars)));
            return null;
        });
    }

    private static List<String> addToClasspath(LabKernel kernel, List<String> args) throws CellFailure, IOException {
        if (args.isEmpty()) {
            throw failure("usage: %jars path/to/lib.jar [more.jar dir/*.jar ...]");
        }
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            for (String pattern : arg.split(File.pathSeparator)) {
                List<Path> matches = glob(pattern);
                if (matches.isEmpty()) {
                    throw failure("%jars: nothing matches " + pattern);
                }
                for (Path p : matches) {
                    kernel.evaluator().addToClasspath(p.toAbsolutePath().toString());
                    added.add(p.toAbsolutePath().toString());
                }
            }
        }
        return null;
    }

    /** A jar's name without its version: guava-33.0.0-jre.jar gives guava. */
    static String artifactName(String jarName) {
        return jarName.replaceFirst("-\\d[^/]*\\.jar$", "").replaceFirst("\\.jar$", "");
    }

    /** A path, or a glob in its last segment (for example lib/*.jar). */
    static List<Path> glob(String pattern) throws IOException {
        Path path = Path.of(pattern);
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*") && !last.contains("?")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, last)) {
                stream.forEach(out::add);
            }
        }
        out.sort(null);
        return out;
    }

    private static CellFailure failure(String message) {
        return new CellFailure("MagicError", message, List.of(message));
    }
}
