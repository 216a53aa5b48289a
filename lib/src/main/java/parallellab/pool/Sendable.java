package parallellab.pool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before any work starts, that an object can travel to a worker JVM.
 *
 * <p>A worker is a fresh JVM: it receives the object's bytes and its class NAME, and loads that
 * class from its own class path. So three things are needed. The class has a name a class path can
 * resolve (a lambda's class is generated at run time and has none). The class is the one on the
 * class path (a class defined in a notebook cell lives only in the kernel's own class loader, as
 * {@code REPL.$JShell$12$MyTask}). And every field is serializable. This is what "the function must
 * be pickle-able" means in Python, where a function defined in the notebook's {@code __main__} fails
 * the same way.
 */
final class Sendable {

    private static final String REMEDY = "Put the class in a jar on the class path and give the workers that jar "
            + "(ProcessPool.builder(n).addClassPathOf(MyTask.class)), or use a named task from the lib, "
            + "for example new WorkloadTask(Workloads.named(\"tags\")).";

    private Sendable() {}

    /** Throws a {@link NotSendableException} saying why, unless workers with {@code classPath} can load it. */
    static void check(Object object, String what, List<Path> classPath) {
        Class<?> type = object.getClass();
        if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
            throw new NotSendableException("the " + what + " is a lambda (" + type.getName() + "), which cannot be sent to a worker JVM: "
                    + "a worker loads classes by name from the class path, and a lambda's class is made at run time inside this JVM. "
                    + "Write it as a named record that implements PoolTask instead. " + REMEDY);
        }
        if (!loadableByName(type) && !onClassPath(type, classPath)) {
            throw new NotSendableException("the " + what + "'s class " + type.getName() + " was defined outside the class path (class loader "
                    + type.getClassLoader() + "), for example in a notebook cell: a worker JVM loads classes by name from the class path, "
                    + "and a cell's class exists only inside the kernel. " + REMEDY);
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(object);
        } catch (NotSerializableException e) {
            String hint = e.getMessage() != null && e.getMessage().contains(".fs.") && e.getMessage().endsWith("Path")
                    ? "a Path inside another object does not travel (a Path given as the argument itself does): hold it as a String"
                    : "make that field a serializable record, or pass what it needs as plain values";
            throw new NotSendableException("the " + what + " " + type.getName() + " holds a " + e.getMessage()
                    + ", which is not Serializable: " + hint + ".");
        } catch (IOException e) {
            throw new NotSendableException("the " + what + " " + type.getName() + " cannot be serialized: " + e);
        }
    }

    /**
     * A path travels as its string ({@link Wire.PathText}); only a path of the default file system
     * means the same thing in another JVM (a path inside a zip file system does not).
     */
    static void checkPath(Path path, String what) {
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new NotSendableException("the " + what + " " + path + " belongs to the file system " + path.getFileSystem()
                    + ", which a worker JVM does not have: only paths of the default file system can be sent (as their text).");
        }
    }

    /** True when the class was read from a jar or folder that the workers' class path holds. */
    private static boolean onClassPath(Class<?> type, List<Path> classPath) {
        return WorkerClassPath.locationOf(type)
                .map(location -> classPath.stream().anyMatch(entry -> WorkerClassPath.normalize(entry).equals(location)))
                .orElse(false);
    }

    /** True when loading the class by name from the class path gives this very class. */
    private static boolean loadableByName(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, ClassLoader.getSystemClassLoader()) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
