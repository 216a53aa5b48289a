package parallellab.lessons;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import parallellab.measure.Timeline;
import parallellab.scan.LibraryWalker;
import parallellab.scan.Processed;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanReport;
import parallellab.scan.SequentialScanner;
import parallellab.scan.ScanSkeleton;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * What recording the worker timeline costs on a {@code tags} scan of the bundled library, in one
 * JVM: the per-file step without its span ({@code ScanSkeleton.process}) against the step every
 * scanner runs ({@code ScanSkeleton.timed}, its span added to a recording as {@code ScanReport.run}
 * does). Each file is read both ways back to back, the order alternating, so a busy machine slows
 * both alike; each file's time each way is the median of the repeats, and the figure compares their
 * sums over the library. A second figure times the recording alone, on a workload that does nothing, in ns
 * per file, and sets it against a whole sequential {@code tags} scan.
 *
 * <p>How to run: {@code ./mvnw -q -pl lib -am test-compile}, then
 * {@code ./mvnw -q -pl lib dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt} and
 * {@code java -cp "lib/target/test-classes:lib/target/classes:$(cat /tmp/cp.txt)" parallellab.lessons.TimelineBench [data/library] [repeats]}
 */
public final class TimelineBench {

    public static void main(String[] args) throws Exception {
        Path library = args.length > 0 ? Path.of(args[0]) : Lab.library();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        List<Path> files = LibraryWalker.audioFiles(library);
        Workload tags = new TagsWorkload();
        for (int i = 0; i < 5; i++) {
            pass(files, tags, i, new long[files.size()][1], new long[files.size()][1]);
        }
        // per file and way, the median over the repeats: a GC pause or a busy moment hits one repeat, not the median
        long[][] plain = new long[files.size()][repeats];
        long[][] recorded = new long[files.size()][repeats];
        int ok = 0;
        for (int i = 0; i < repeats; i++) {
            ok = pass(files, tags, i, plain, recorded);
        }
        double plainMs = Arrays.stream(plain).mapToLong(TimelineBench::median).sum() / 1e6;
        double recordedMs = Arrays.stream(recorded).mapToLong(TimelineBench::median).sum() / 1e6;
        System.out.printf(Locale.ROOT, "tags over %d files (%d read ok), %d repeats, each file's median summed: process %.2f ms, timed+recorded %.2f ms, overhead %+.2f%%%n",
                files.size(), ok, repeats, plainMs, recordedMs, 100 * (recordedMs / plainMs - 1));
        double perFile = recordingAloneNanos(files);
        System.out.printf(Locale.ROOT, "recording alone: %.0f ns per file, %.3f%% of tags' %.0f us per file%n",
                perFile, 100 * perFile / (plainMs * 1e6 / files.size()), plainMs * 1e3 / files.size());
        double[] scans = new double[11];
        for (int i = 0; i < scans.length; i++) {
            scans[i] = ScanReport.run(library, new SequentialScanner(), tags, 1, ScanListener.NONE).timing().realSeconds() * 1e3;
        }
        double scanMs = median(scans);
        System.out.printf(Locale.ROOT, "a whole sequential tags scan (ScanReport.run, walk included): %.2f ms median of %d; the recording alone is %.3f%% of it%n",
                scanMs, scans.length, 100 * perFile * files.size() / (scanMs * 1e6));
        System.out.println("load: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
    }

    /** One pass over the library, each file both ways, back to back, into column {@code repeat}; returns the files read ok. */
    private static int pass(List<Path> files, Workload workload, int repeat, long[][] plain, long[][] recorded) {
        Timeline.Recorder recorder = Timeline.recording();
        ScanListener listener = ScanListener.recording(recorder);
        int column = Math.min(repeat, plain[0].length - 1);
        int ok = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            boolean plainFirst = (f + repeat) % 2 == 0;
            for (int way = 0; way < 2; way++) {
                boolean isPlain = (way == 0) == plainFirst;
                long start = System.nanoTime();
                FileResult result;
                if (isPlain) {
                    result = ScanSkeleton.process(workload, file);
                    ScanSkeleton.report(ScanListener.NONE, result);
                } else {
                    Processed processed = ScanSkeleton.timed(workload, file);
                    ScanSkeleton.report(listener, processed);
                    result = processed.result();
                }
                long took = System.nanoTime() - start;
                (isPlain ? plain : recorded)[f][column] = took;
                ok += isPlain && result.ok() ? 1 : 0;
            }
        }
        return ok;
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

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
