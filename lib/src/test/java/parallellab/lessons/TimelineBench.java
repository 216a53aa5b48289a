package parallellab.lessons;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import parallellab.measure.Timeline;
import parallellab.scan.LibraryWalker;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanSkeleton;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * What recording the worker timeline costs on a {@code tags} scan of the bundled library, in one
 * JVM: the per-file step without its span ({@code ScanSkeleton.process}) against the step every
 * scanner runs ({@code ScanSkeleton.timed}, its span added to a recording as {@code ScanReport.run}
 * does). Each file is read both ways back to back, the order alternating, so a busy machine slows
 * both alike; a repeat sums each way over the library, and the figure is the median of the repeats'
 * ratios. A second figure times the recording alone, on a workload that does nothing, in ns per file.
 *
 * <p>How to run: {@code ./mvnw -q -pl lib -am test-compile}, then
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.lessons.TimelineBench [data/library] [repeats]}
 */
public final class TimelineBench {

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : Lab.library();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        List<Path> files = LibraryWalker.audioFiles(library);
        Workload tags = new TagsWorkload();
        for (int i = 0; i < 5; i++) {
            pass(files, tags, i);
        }
        double[] plain = new double[repeats];
        double[] recorded = new double[repeats];
        double[] ratio = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long[] ns = pass(files, tags, i);
            plain[i] = ns[0] / 1e6;
            recorded[i] = ns[1] / 1e6;
            ratio[i] = (double) ns[1] / ns[0];
        }
        System.out.printf(Locale.ROOT, "tags over %d files, %d repeats (medians): process %.1f ms, timed+recorded %.1f ms, overhead %+.2f%% (repeats' ratios %+.2f%% .. %+.2f%%)%n",
                files.size(), repeats, median(plain), median(recorded), 100 * (median(ratio) - 1), 100 * (min(ratio) - 1), 100 * (max(ratio) - 1));
        double perFile = recordingAloneNanos(files);
        System.out.printf(Locale.ROOT, "recording alone: %.0f ns per file, %.3f%% of tags' %.0f us per file%n",
                perFile, 100 * perFile / (median(plain) * 1e6 / files.size()), median(plain) * 1e3 / files.size());
        System.out.println("load: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
    }

    /** One pass over the library, each file both ways, back to back: {nanoseconds plain, nanoseconds recorded}. */
    private static long[] pass(List<Path> files, Workload workload, int repeat) {
        Timeline.Recorder recorder = Timeline.recording();
        ScanListener listener = ScanListener.recording(recorder);
        long plain = 0;
        long recorded = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            boolean plainFirst = (f + repeat) % 2 == 0;
            for (int way = 0; way < 2; way++) {
                boolean isPlain = (way == 0) == plainFirst;
                long start = System.nanoTime();
                if (isPlain) {
                    ScanSkeleton.report(ScanListener.NONE, ScanSkeleton.process(workload, file));
                } else {
                    ScanSkeleton.report(listener, ScanSkeleton.timed(workload, file));
                }
                long took = System.nanoTime() - start;
                if (isPlain) {
                    plain += took;
                } else {
                    recorded += took;
                }
            }
        }
        recorder.timeline();
        return new long[] {plain, recorded};
    }

    /** The recording's own cost: a workload that does nothing, with and without the span, in ns per file. */
    private static double recordingAloneNanos(List<Path> files) {
        Workload nothing = new Workload() {
            @Override
            public String name() {
                return "nothing";
            }

            @Override
            public FileResult process(Path file) {
                return new FileResult.Failed(file.toString(), "nothing");
            }
        };
        double[] diff = new double[9];
        int rounds = 200;
        for (int r = 0; r < diff.length + 3; r++) {
            Timeline.Recorder recorder = Timeline.recording();
            ScanListener listener = ScanListener.recording(recorder);
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                files.forEach(file -> ScanSkeleton.report(ScanListener.NONE, ScanSkeleton.process(nothing, file)));
            }
            long plain = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                files.forEach(file -> ScanSkeleton.report(listener, ScanSkeleton.timed(nothing, file)));
            }
            long recorded = System.nanoTime() - start;
            if (r >= 3) {
                diff[r - 3] = (double) (recorded - plain) / (rounds * files.size());
            }
        }
        return median(diff);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
