package parallellab.work;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns off jaudiotagger's java.util.logging chatter, once, in whichever JVM reads tags.
 *
 * <p>jaudiotagger logs a warning for every odd frame it meets, which would bury a scan's output.
 * Setting the level on the parent logger {@code org.jaudiotagger} silences every class below it, but
 * java.util.logging holds loggers weakly: an unreferenced logger can be garbage-collected and come
 * back with the default level. The strong static reference below keeps the setting alive.
 */
final class JaudiotaggerLogging {

    private static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER.setLevel(Level.OFF);
    }

    private JaudiotaggerLogging() {}

    /** Runs the static initialiser above; calling it again does nothing. */
    static void silence() {
        // The work happens in the class initialiser, which the JVM runs exactly once.
    }
}
