package parallellab.lessons;

import java.nio.file.Path;
import java.util.Arrays;
import parallellab.measure.Timeline;
import parallellab.scan.QueueThreadScanner;
import parallellab.scan.ScanOptions;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * What recording the worker timeline costs: a {@code tags} scan of the bundled library with the
 * queue of threads, plain and recorded, alternated in one JVM after a warm-up; medians side by side.
 *
 * <p>How to run: {@code ./mvnw -q -pl lib -am test-compile}, then
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.lessons.TimelineBench [data/library] [repeats]}
 */
public final class TimelineBench {

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : Lab.library();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        Workload tags = new TagsWorkload();
        QueueThreadScanner scanner = new QueueThreadScanner(ScanOptions.workers(2));
        double[] plain = new double[repeats];
        double[] recorded = new double[repeats];
        for (int i = 0; i < 5; i++) {
            scanner.scan(library, tags);
            scanner.scan(library, Timeline.recording().wrap(tags));
        }
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            scanner.scan(library, tags);
            plain[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            Timeline.Recorder recorder = Timeline.recording();
            scanner.scan(library, recorder.wrap(tags));
            recorder.timeline();
            recorded[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(plain);
        Arrays.sort(recorded);
        double p = plain[repeats / 2];
        double r = recorded[repeats / 2];
        System.out.printf("tags scan, queue-threads x2, %d repeats: plain %.1f ms, recorded %.1f ms (median), overhead %+.2f%%%n",
                repeats, p, r, 100 * (r - p) / p);
    }
}
