package parallellab.work;

/**
 * Which way the {@code tags} workload reads a file: jaudiotagger as shipped, or our tuned reader.
 *
 * <p>Both are kept so that the profiling lesson can show the hot spot and then the fix on the same
 * files. {@link #JAUDIOTAGGER_AS_IS} looks for the last Ogg page one byte per system call (11 ms per
 * file, sys time about equal to user time); {@link #TUNED} finds it in one 64 KiB read.
 */
public enum TagReading {
    /** jaudiotagger 3.0.1 untouched: the "before" of the profiling lesson. */
    JAUDIOTAGGER_AS_IS,
    /** Our reader: the same parsers, with the slow last-page search replaced by a buffered one. */
    TUNED
}
