package parallellab.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Runs first in every task of a scan, on the executor: checks that the executor can see the
 * library folder before it opens any file of its partition.
 *
 * <p>Why: on a cluster the driver walks the library and sends paths; each executor opens them on
 * its own machine. A folder that is not shared (or not mounted at the same path) would otherwise
 * come back as one "file not found" per file. This check turns it into one line naming the
 * executor's host and the path. It costs one {@code stat} per task.
 */
record LibraryVisible(String root) implements FlatMapFunction<Iterator<String>, String>, Serializable {

    private static final Pattern MESSAGE = Pattern.compile("executor \\S+ on host \\S+ cannot see the library folder [^\\n]*");

    @Override
    public Iterator<String> call(Iterator<String> paths) {
        if (!Files.isDirectory(Path.of(root))) {
            SparkEnv env = SparkEnv.get();
            String executor = env == null ? "?" : env.executorId();
            String host = env == null ? "?" : env.blockManager().blockManagerId().host();
            throw new IllegalStateException("executor " + executor + " on host " + host + " cannot see the library folder " + root
                    + " (every node needs the library at the same path)");
        }
        return paths;
    }

    /** The check's one line, when a failed job's message (Spark's, a page long) carries it. */
    static java.util.Optional<String> foundIn(String sparkMessage) {
        Matcher m = MESSAGE.matcher(String.valueOf(sparkMessage));
        return m.find() ? java.util.Optional.of(m.group()) : java.util.Optional.empty();
    }
}
