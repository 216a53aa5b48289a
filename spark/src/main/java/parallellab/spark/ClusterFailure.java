package parallellab.spark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Spark job's message, which can run to a page with stack dumps inside, into the
 * one line a learner can act on.
 *
 * <p>The cases that matter on a cluster: an executor that cannot see the library
 * ({@link LibraryVisible}), and an application the master removed because its executors could not
 * start (Spark then says only {@code Master removed our application: FAILED}, and every later call
 * {@code Cannot call methods on a stopped SparkContext}, the symptom without the cause).
 */
final class ClusterFailure {

    static final String STOPPED = "the Spark context has stopped: the master removed the application or went away "
            + "(start a new context; the master's log says why)";

    private static final Pattern REMOVED = Pattern.compile("Master removed our application: (\\S+)");

    private ClusterFailure() {}

    static String oneLine(String sparkMessage, String master) {
        String message = String.valueOf(sparkMessage);
        Optional<String> invisible = LibraryVisible.foundIn(message);
        if (invisible.isPresent()) {
            return invisible.get();
        }
        Matcher removed = REMOVED.matcher(message);
        if (removed.find()) {
            return "the Spark master at " + master + " removed this application (" + removed.group(1)
                    + "): its executors could not start or were all lost (the workers' logs say why; an executor's stderr is in its worker's work folder)";
        }
        if (message.contains("stopped SparkContext")) {
            return STOPPED;
        }
        return "the spark job failed: " + message.lines().findFirst().orElse("");
    }
}
