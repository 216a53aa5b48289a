package parallellab.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parallellab.scan.Strategies;
import parallellab.testing.Manifest;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.ExternalWorkload;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;
import parallellab.work.Workload;

/**
 * The odd members of a real library: a FIFO, a symlink to {@code /dev/zero}, a folder named
 * {@code x.mp3}, a sparse 3 GB file, a file deleted and a file growing while the scan runs, and a
 * name that is not valid UTF-8. None may hang a scan, end it, or be reported twice.
 */
class AwkwardLibraryTest {

    @TempDir
    Path temp;

    /** Deletes {@code gone} and appends to {@code growing} while the scan is under way, then does the work. */
    record Meddling(Workload work, String gone, String growing) implements Workload {
        @Override
        public String name() {
            return work.name();
        }

        @Override
        public FileResult process(Path file) {
            try {
                Files.deleteIfExists(Path.of(gone));
                try (OutputStream out = Files.newOutputStream(Path.of(growing), StandardOpenOption.APPEND)) {
                    out.write(new byte[8192]);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return work.process(file);
        }
    }

    static Stream<Arguments> scans() {
        Stream<Arguments> tags = Strategies.names().stream().map(s -> Arguments.of(s, new TagsWorkload()));
        return Stream.concat(tags, Stream.of(
                Arguments.of("sequential", new AnalyzeWorkload(1)),
                Arguments.of("queue-threads", new AnalyzeWorkload(1)),
                Arguments.of("sequential", new ExternalWorkload("ffprobe"))));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("scans")
    void noMemberHangsOrEndsTheScanOrIsReportedTwice(String strategy, Workload work) throws Exception {
        Path library = awkwardLibrary();
        Meddling meddling = new Meddling(work, library.resolve("m-gone.mp3").toString(), library.resolve("m-growing.flac").toString());

        FuzzScan scan = FuzzScan.run(strategy, meddling.withBudget(Duration.ofSeconds(5)), library, 2, Duration.ofSeconds(60));

        assertThat(scan.hang()).isNull();
        assertThat(scan.escaped()).isNull();
        Map<String, Long> reported = scan.results().stream().collect(Collectors.groupingBy(r -> Path.of(r.path()).getFileName().toString(), Collectors.counting()));
        assertThat(reported.values()).allMatch(n -> n == 1);
        assertThat(reported.keySet()).contains("song.mp3", "inside.ogg", "huge.wav", "m-growing.flac")
                .doesNotContain("fifo.mp3", "zero.flac", "x.mp3");
        assertThat(reported.keySet().stream().filter(n -> n.startsWith("caf"))).hasSize(1);
        assertThat(scan.results()).filteredOn(r -> r.path().endsWith("song.mp3")).allMatch(FileResult::ok);
        for (FileResult r : scan.results()) {
            if (r instanceof FileResult.Failed f) {
                assertThat(f.reason()).isNotBlank().doesNotContain("\n");
                // ffprobe reads all 3 GB of a WAV's zeros (over a minute): the budget is what ends it.
                if (!(work instanceof ExternalWorkload && f.path().endsWith("huge.wav"))) {
                    assertThat(f.reason()).as(f.path()).doesNotStartWith("gave up");
                }
            }
        }
    }

    /** A library holding one of each awkward member, next to two ordinary songs. */
    private Path awkwardLibrary() throws IOException, InterruptedException {
        Path library = Files.createDirectories(temp.resolve("library"));
        List<Path> sources = FuzzCorpus.sources(Manifest.require().library());
        Path mp3 = sources.stream().filter(p -> p.toString().endsWith(".mp3")).findFirst().orElseThrow();
        Path ogg = sources.stream().filter(p -> p.toString().endsWith(".ogg")).findFirst().orElseThrow();
        Path flac = sources.stream().filter(p -> p.toString().endsWith(".flac")).findFirst().orElseThrow();
        Path wav = sources.stream().filter(p -> p.toString().endsWith(".wav")).findFirst().orElseThrow();
        Files.copy(mp3, library.resolve("song.mp3"));
        Files.copy(mp3, library.resolve("m-gone.mp3"));
        Files.copy(flac, library.resolve("m-growing.flac"));
        Files.copy(ogg, Files.createDirectories(library.resolve("x.mp3")).resolve("inside.ogg"));
        Files.createSymbolicLink(library.resolve("zero.flac"), Path.of("/dev/zero"));
        Files.copy(wav, library.resolve("huge.wav"));
        try (RandomAccessFile huge = new RandomAccessFile(library.resolve("huge.wav").toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: 3 GB on paper, a few blocks on disk
        }
        run(List.of("mkfifo", library.resolve("fifo.mp3").toString()));
        // A Latin-1 name, "café.mp3" with é as the single byte 0xE9: not valid UTF-8.
        run(List.of("sh", "-c", "cp \"$1\" \"$2\"/caf$(printf '\\351').mp3", "sh", mp3.toString(), library.toString()));
        return library;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    @AfterAll
    static void noProcessIsLeft() throws InterruptedException {
        for (int i = 0; i < 200 && ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
