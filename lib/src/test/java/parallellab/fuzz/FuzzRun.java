package parallellab.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import parallellab.scan.Strategies;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.ExternalWorkload;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * The fuzz run by hand, {@code tools/fuzz --files 2000}: a bigger corpus than the test's, every
 * workload under every main strategy, and the figures: files by damage, failures by reason, the
 * slowest file, wall time per strategy. Exits with 1 if a file was lost or doubled, an exception
 * escaped or a scan hung.
 *
 * <p>Options: {@code --files N} (1000), {@code --seed S} (13), {@code --seconds S} analysed (1),
 * {@code --workers N} (2), {@code --strategies a,b} (the main ones), {@code --workloads a,b}
 * (tags,analyze,external), {@code --library DIR} (data/library), {@code --keep DIR} (keep the corpus there).
 */
public final class FuzzRun {

    private FuzzRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int files = Integer.parseInt(opt.getOrDefault("files", "1000"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "13"));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "1"));
        int workers = Integer.parseInt(opt.getOrDefault("workers", "2"));
        List<String> strategies = List.of(opt.getOrDefault("strategies", String.join(",", Strategies.names())).split(","));
        List<String> workloads = List.of(opt.getOrDefault("workloads", "tags,analyze,external").split(","));
        Path library = Path.of(opt.getOrDefault("library", "data/library"));
        Path folder = opt.containsKey("keep") ? Path.of(opt.get("keep")) : Files.createTempDirectory("fuzz-");

        long made = System.nanoTime();
        Map<Path, Damage> corpus = FuzzCorpus.write(FuzzCorpus.sources(library), folder, files, seed);
        System.out.printf(Locale.ROOT, "%d damaged copies of %s in %s (seed %d, %.1f s to write): %s%n", corpus.size(), library, folder, seed,
                (System.nanoTime() - made) / 1e9, corpus.values().stream().collect(Collectors.groupingBy(d -> d, TreeMap::new, Collectors.counting())));

        boolean allGood = true;
        for (String name : workloads) {
            Workload plain = switch (name) {
                case "tags" -> new TagsWorkload();
                case "analyze" -> new AnalyzeWorkload(seconds);
                case "external" -> new ExternalWorkload("ffprobe");
                default -> throw new IllegalArgumentException("unknown workload " + name);
            };
            Timed timed = new Timed(plain);
            System.out.printf(Locale.ROOT, "%n== %s (budget %s per file)%n", plain.name(), FileBudget.defaultFor(plain));
            List<FileResult> last = List.of();
            for (String strategy : strategies) {
                boolean inProcess = !strategy.equals("process-pool");
                FileBudget work = (inProcess ? timed : plain).withDefaultBudget();
                FuzzScan scan = FuzzScan.run(strategy, work, folder, strategy.equals("sequential") ? 1 : workers, Duration.ofMinutes(30));
                List<String> problems = problems(scan, corpus.keySet());
                allGood &= problems.isEmpty();
                System.out.printf(Locale.ROOT, "%-16s %7.1f s wall  %4d ok  %4d failed  %s%s%n", strategy, scan.wallSeconds(),
                        scan.results().stream().filter(FileResult::ok).count(), scan.results().stream().filter(r -> !r.ok()).count(),
                        problems.isEmpty() ? "each file once, nothing escaped, no hang" : String.join("; ", problems),
                        work.abandoned() > 0 ? "; " + work.summaryLine() : "");
                last = scan.results();
            }
            System.out.println("failures by reason (numbers shown as N):");
            last.stream().filter(r -> r instanceof FileResult.Failed).map(r -> ((FileResult.Failed) r).reason().replaceAll("(?<![A-Za-z])\\d+", "N"))
                    .collect(Collectors.groupingBy(r -> r, Collectors.counting())).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
            timed.slowest().ifPresent(s -> System.out.printf(Locale.ROOT, "slowest file: %s, %.0f ms (%s)%n", s.getKey().getFileName(), s.getValue(), corpus.get(s.getKey())));
        }
        if (!opt.containsKey("keep")) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(allGood ? 0 : 1);
    }

    private static List<String> problems(FuzzScan scan, java.util.Set<Path> expected) {
        List<String> problems = new ArrayList<>();
        if (scan.hang() != null) {
            problems.add("HANG: " + scan.hang());
        }
        if (scan.escaped() != null) {
            problems.add("ESCAPED: " + scan.escaped());
        }
        Map<String, Long> counts = scan.results().stream().collect(Collectors.groupingBy(FileResult::path, Collectors.counting()));
        long missing = expected.stream().filter(p -> !counts.containsKey(p.toAbsolutePath().toString())).count();
        long doubled = counts.values().stream().filter(n -> n > 1).count();
        if (missing > 0 || doubled > 0) {
            problems.add(missing + " files not reported, " + doubled + " reported twice");
        }
        long multiLine = scan.results().stream().filter(r -> r instanceof FileResult.Failed f && f.reason().contains("\n")).count();
        if (multiLine > 0) {
            problems.add(multiLine + " reasons longer than a line");
        }
        return problems;
    }

    /** The time each file took, kept in this JVM (not sent to worker processes). */
    private record Timed(Workload work, Map<Path, Double> millis) implements Workload {
        Timed(Workload work) {
            this(work, new ConcurrentHashMap<>());
        }

        @Override
        public String name() {
            return work.name();
        }

        @Override
        public FileResult process(Path file) {
            long start = System.nanoTime();
            try {
                return work.process(file);
            } finally {
                millis.merge(file, (System.nanoTime() - start) / 1e6, Math::max);
            }
        }

        java.util.Optional<Map.Entry<Path, Double>> slowest() {
            return millis.entrySet().stream().max(Map.Entry.comparingByValue());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: tools/fuzz [--files N] [--seed S] [--seconds S] [--workers N] [--strategies a,b] [--workloads a,b] [--library DIR] [--keep DIR]");
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}
