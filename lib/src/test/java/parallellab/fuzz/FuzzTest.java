package parallellab.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.scan.Strategies;
import parallellab.scan.ThreadCensus;
import parallellab.testing.Manifest;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.ExternalWorkload;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * 105 damaged copies of the bundled library's files (seed 13; every {@link Damage} kind), scanned
 * with each workload under each main strategy: every file is reported exactly once, nothing
 * escapes, every failure is one line, no scan hangs, and no thread or process is left.
 *
 * <p>{@code analyze} decodes one second per file, and {@code external} (a process per file) sees the
 * first 21 files, three of each kind, to keep the test to under a minute; a bigger run by hand:
 * {@code tools/fuzz --files 2000}.
 */
class FuzzTest {

    static final int FILES = 105;
    static final long SEED = 13;

    @TempDir
    static Path temp;

    static final int EXTERNAL_FILES = 21;

    static Path corpus;
    static Map<Path, Damage> damaged;
    static Path smallCorpus;
    static List<Path> small;

    @BeforeAll
    static void makeCorpus() throws IOException {
        corpus = temp.resolve("fuzzed");
        damaged = FuzzCorpus.write(FuzzCorpus.sources(Manifest.require().library()), corpus, FILES, SEED);
        smallCorpus = Files.createDirectories(temp.resolve("fuzzed-small"));
        small = new ArrayList<>();
        for (Path file : damaged.keySet().stream().limit(EXTERNAL_FILES).toList()) {
            small.add(Files.createLink(smallCorpus.resolve(file.getFileName()), file));
        }
    }

    static Stream<Arguments> scans() {
        List<Workload> workloads = List.of(new TagsWorkload(), new AnalyzeWorkload(1), new ExternalWorkload("ffprobe"));
        return workloads.stream().flatMap(w -> Strategies.names().stream().map(s -> Arguments.of(s, w)));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("scans")
    void everyFileIsReportedOnceWithAOneLineReasonAndNothingHangs(String strategy, Workload work) throws Exception {
        boolean external = work instanceof ExternalWorkload;
        Collection<Path> files = external ? small : damaged.keySet();
        FuzzScan scan = FuzzScan.run(strategy, work.withBudget(Duration.ofSeconds(20)), external ? smallCorpus : corpus, 2, Duration.ofSeconds(120));

        assertThat(scan.hang()).as("hang").isNull();
        assertThat(scan.escaped()).as("exception escaped the scan").isNull();
        Map<String, Long> reported = scan.results().stream().collect(Collectors.groupingBy(FileResult::path, Collectors.counting()));
        assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.toAbsolutePath().toString()).toList());
        assertThat(reported.values()).allMatch(n -> n == 1);
        for (FileResult r : scan.results()) {
            if (r instanceof FileResult.Failed f) {
                assertThat(f.reason()).as(f.path()).isNotBlank().doesNotContain("\n").doesNotContainPattern("\\.java:\\d+\\)").doesNotContainPattern("\\p{Cntrl}").doesNotContain(corpus.toString()).doesNotContain(smallCorpus.toString())
                        .doesNotStartWith("gave up");
            }
        }
    }

    /** Found by tools/fuzz: jaudiotagger computed for minutes, deaf to interrupts, on a huge ftyp size. */
    @org.junit.jupiter.api.Test
    void anMp4WhoseFtypBoxClaimsTwoGigabytesFailsAtOnce() throws IOException {
        Path m4a = FuzzCorpus.sources(Manifest.require().library()).stream().filter(p -> p.toString().endsWith(".m4a")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(m4a);
        bytes[0] = 0x79; // the ftyp box's size: 2,030,043,164 bytes
        Path damaged = Files.write(temp.resolve("huge-ftyp.m4a"), bytes);

        FileResult result = new TagsWorkload().process(damaged);

        assertThat(result).isInstanceOf(FileResult.Failed.class);
        assertThat(((FileResult.Failed) result).reason()).contains("the ftyp box claims");
    }

    @AfterAll
    static void noThreadOrProcessIsLeft() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && (!leftoverThreads().isEmpty() || !children().isEmpty())) {
            Thread.sleep(50);
        }
        assertThat(leftoverThreads()).isEmpty();
        assertThat(children()).isEmpty();
    }

    private static List<String> leftoverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("file-budget-") || n.startsWith("fuzz-scan-") || ThreadCensus.SCANNER_WORKERS.stream().anyMatch(n::startsWith))
                .toList();
    }

    private static List<String> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }


}
