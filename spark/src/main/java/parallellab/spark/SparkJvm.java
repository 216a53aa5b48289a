package parallellab.spark;

import java.util.List;

/**
 * Checks that this JVM was started with the flags Spark needs, before Spark fails deep inside with
 * an {@code IllegalAccessError}. The flags live in {@code spark/java-options}, a Java argument
 * file: {@code java @spark/java-options ...}.
 */
public final class SparkJvm {

    /** Packages Spark and Netty open by reflection; if these are open, the argument file was used. */
    private static final List<String> PACKAGES_SPARK_OPENS = List.of("java.nio", "sun.nio.ch", "java.lang.invoke", "java.util");

    private SparkJvm() {}

    /** True when java.base opens the packages Spark reaches into. */
    public static boolean hasFlags() {
        Module javaBase = Object.class.getModule();
        Module spark = SparkJvm.class.getModule();
        return PACKAGES_SPARK_OPENS.stream().allMatch(p -> javaBase.isOpen(p, spark));
    }

    /**
     * Where the core's SLF4J cannot see Spark's log4j binding (in the kernel, Spark's jars sit in the
     * cells' class loader; in the CLI, in a loader of their own), Spark logs nowhere, which is what
     * a lesson wants; SLF4J must not say so on stderr at every start.
     */
    public static void quietSlf4j() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** @throws IllegalStateException with a one-line fix when the flags are missing */
    public static void requireFlags() {
        if (!hasFlags()) {
            throw new IllegalStateException("Spark needs extra JVM flags on this JDK: start java with @spark/java-options "
                    + "(the --add-opens list in the parallel-lab folder)");
        }
    }
}
