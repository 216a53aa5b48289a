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

    /** The object as an instance of its class loaded from a fresh folder, and that folder's loader. */
    static Object reloaded(Object task) throws IOException, ClassNotFoundException {
        Class<?> type = task.getClass();
        try {
            if (Class.forName(type.getName(), false, ClassLoader.getSystemClassLoader()) == type) {
                return task; // already on the class path, like the lib's own tasks
            }
        } catch (ClassNotFoundException | LinkageError notThere) {
            // a cell's class: ship it below
        }
        Path folder = Files.createTempDirectory("parallel-lab-cell-classes-");
        folder.toFile().deleteOnExit();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            copyClassFile(c, folder);
        }
        copyClassFile(type.getNestHost(), folder);
        URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, CellClassFolder.class.getClassLoader());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
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
