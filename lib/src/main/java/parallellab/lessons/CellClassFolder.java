package parallellab.lessons;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a jar does for a pool task written in a notebook cell, done for a check: the class file of
 * the task (and of the cell class around it) is written to a folder, loaded again from there, and
 * the task re-made as an object of that class, which a worker JVM given the folder can load by name.
 *
 * <p>Lesson 04 shows why a cell's class cannot travel as it is. A check of a task the learner wrote
 * in a cell needs it to travel all the same; this is the step the recipe does with {@code javac},
 * {@code jar} and {@code %jars}, without leaving the notebook.
 */
final class CellClassFolder {

    private CellClassFolder() {}

    /**
     * The objects as instances of their classes loaded again from one fresh folder, by one loader,
     * so that all of them travel with the same class path entry. Objects whose class is already on
     * the class path come back as they are.
     */
    static List<Object> reloaded(List<?> objects) throws IOException, ClassNotFoundException {
        Path folder = null;
        URLClassLoader loader = null;
        List<Object> reloaded = new ArrayList<>();
        for (Object object : objects) {
            Class<?> type = object.getClass();
            if (onClassPath(type)) {
                reloaded.add(object); // like the lib's own tasks
                continue;
            }
            if (folder == null) {
                folder = Files.createTempDirectory("parallel-lab-cell-classes-");
                folder.toFile().deleteOnExit();
                loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, CellClassFolder.class.getClassLoader());
            }
            for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
                copyClassFile(c, folder);
            }
            copyClassFile(type.getNestHost(), folder);
            reloaded.add(copy(object, loader));
        }
        return reloaded;
    }

    private static boolean onClassPath(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, ClassLoader.getSystemClassLoader()) == type;
        } catch (ClassNotFoundException | LinkageError notThere) {
            return false;
        }
    }

    private static Object copy(Object object, ClassLoader loader) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                return Class.forName(desc.getName(), false, loader);
            }
        }) {
            return in.readObject();
        }
    }

    /**
     * The classes outside the JDK that a cell's class refers to and that were loaded from a jar or a
     * folder: the kit's, and the kernel's own (the kernel adds a stop check to every loop and
     * constructor of a cell, a call into its {@code StopSignal}). Workers need their jars too.
     */
    static List<Class<?>> linkedClasses(Class<?> type) {
        List<Class<?>> linked = new ArrayList<>();
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return linked;
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher names = CLASS_NAME.matcher(text);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (names.find()) {
                String name = names.group().replace('/', '.');
                if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("REPL.") || !seen.add(name)) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name, false, loader);
                    java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
                    if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                        linked.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError | SecurityException notAClass) {
                    // a string that only looks like a class name
                }
            }
        } catch (IOException e) {
            return linked;
        }
        return linked;
    }

    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*(/[a-zA-Z_$][a-zA-Z0-9_$]*)+");

    private static void copyClassFile(Class<?> c, Path folder) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        Path target = folder.resolve(resource);
        if (Files.exists(target)) {
            return;
        }
        ClassLoader loader = c.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the class file of " + c.getName() + " cannot be read from its class loader"));
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            target.toFile().deleteOnExit();
        }
    }
}
