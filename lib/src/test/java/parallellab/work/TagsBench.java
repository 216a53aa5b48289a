package parallellab.work;

import java.nio.file.Path;
import parallellab.lessons.TagsComparison;

/**
 * Benchmark, not a test: milliseconds per file for each format, jaudiotagger as-is beside our tuned
 * reader and Python's mutagen on the same files ({@link TagsComparison}, the table lesson 02 ends on),
 * in CPU time, median of 5 warm passes.
 *
 * <p>The as-is Ogg figure is the profiling lesson's hot spot: the byte-by-byte search for the last
 * page. mutagen runs with the project's {@code .venv} Python (made by {@code ./lab setup}).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -q -pl lib test-compile} then
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.work.TagsBench [data/library]}
 */
public final class TagsBench {

    private static final int PASSES = 5;

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : System.getProperty("parallellab.data", "data") + "/library");
        System.out.println(TagsComparison.run(library, PASSES).printAll());
    }
}
