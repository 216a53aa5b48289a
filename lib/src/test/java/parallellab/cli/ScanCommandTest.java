package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.testing.Fixtures;
import parallellab.testing.Manifest;

/** The {@code scan} command run in-process, as a user would run it, good input and bad. */
class ScanCommandTest {

    @TempDir
    Path tmp;

    private Path library;


    private static CliRun scan(String... args) {
        return CliRun.of("scan", args);
    }

    @BeforeEach
    void smallLibrary() throws IOException {
        library = tmp.resolve("music");
        Fixtures.wav(library.resolve("b/second.wav"), 1, 8000, 1, "Second, with a comma", "Band");
        Fixtures.wav(library.resolve("a/first.wav"), 2, 8000, 2, "First", "Band");
        Files.createFile(library.resolve("a/empty.wav"));
        Files.writeString(library.resolve("notes.txt"), "not music");
    }

    @Test
    void scansPrintsASummaryAndWritesJsonAndCsv() throws IOException {
        Path json = tmp.resolve("out.json");
        Path csv = tmp.resolve("out.csv");
        CliRun run = scan(library.toString(), "--workload", "tags", "--workers", "1", "--json", json.toString(), "--csv", csv.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("scanned 3 files").containsPattern("ok\\s+2").containsPattern("failed\\s+1")
                .contains("1 × empty file (0 bytes)").contains("real ").contains("files/s").containsPattern("jit: \\d+\\.\\d s compiling");

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(fieldNames(doc)).containsExactly("summary", "results");
        assertThat(fieldNames(doc.get("summary"))).containsExactly("files", "ok", "failed", "real_s", "user_s", "sys_s", "driver_cpu_s", "executor_cpu_s", "workload", "strategy", "workers");
        assertThat(doc.at("/summary/files").asInt()).isEqualTo(3);
        assertThat(doc.at("/summary/ok").asInt()).isEqualTo(2);
        assertThat(doc.at("/summary/workload").asText()).isEqualTo("tags");
        assertThat(doc.at("/summary/strategy").asText()).isEqualTo("sequential");
        JsonNode results = doc.get("results");
        assertThat(results).hasSize(3);
        assertThat(results.findValuesAsText("path")).containsExactly("a/empty.wav", "a/first.wav", "b/second.wav");
        assertThat(fieldNames(results.get(1))).startsWith("path", "ok", "error", "format", "title", "artist", "album", "track", "year", "genre",
                "duration_s", "sample_rate", "channels", "bitrate_kbps", "file_size");
        assertThat(results.get(0).get("ok").asBoolean()).isFalse();
        assertThat(results.get(0).get("error").asText()).isEqualTo("empty file (0 bytes)");
        assertThat(results.get(1).get("title").asText()).isEqualTo("First");
        assertThat(results.get(1).get("duration_s").asDouble()).isEqualTo(2.0);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("path,ok,error,format,title,artist");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).startsWith("b/second.wav,true,,wav,\"Second, with a comma\",Band");
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() throws IOException {
        Path file = library.resolve("a/first.wav");
        Path emptyFolder = Files.createDirectory(tmp.resolve("nothing"));
        List<List<String>> cases = List.of(
                List.of(tmp.resolve("missing").toString()),
                List.of(file.toString()),
                List.of(emptyFolder.toString()),
                List.of(library.toString(), "--workload", "nope"),
                List.of(library.toString(), "--strategy", "nope"),
                List.of(library.toString(), "--workers", "0"),
                List.of(library.toString(), "--workers", "many"),
                List.of(library.toString(), "--seconds", "-1", "--workload", "analyze"),
                List.of(library.toString(), "--file-timeout", "-2"),
                List.of(library.toString(), "--file-timeout", "soon"),
                List.of(library.toString(), "--json", tmp.resolve("no/such/folder/out.json").toString()),
                List.of(library.toString(), "--json", tmp.toString()),
                List.of(library.toString(), "--no-such-option"),
                List.of(library.toString(), "--profile", "gpu"),
                List.of(library.toString(), "--profile-out", tmp.resolve("prof").toString()),
                List.of(library.toString(), "--profile", "cpu", "--profile-out", file.toString()),
                List.of());
        CliRun.assertEachIsAOneLineError("scan", cases);
        assertThat(scan(library.toString(), "--bogus").err()).contains("Try 'scan --help'");
    }

    @Test
    void aFileTimeoutIsAcceptedAndZeroTurnsItOff() {
        for (String timeout : List.of("0", "0.5", "30")) {
            CliRun run = scan(library.toString(), "--workload", "tags", "--file-timeout", timeout);
            assertThat(run.code()).as(timeout).isZero();
            assertThat(run.out()).contains("scanned 3 files").doesNotContain("could not be stopped");
        }
    }

    @Test
    void profileWritesTheFlameGraphAndTheCumulativeTableAndSaysWhere() throws IOException {
        Path prof = tmp.resolve("prof");
        Path longSong = tmp.resolve("long");
        Fixtures.wav(longSong.resolve("long.wav"), 20, 44100, 2, "Long", "Band"); // long enough to always be sampled
        CliRun run = scan(longSong.toString(), "--workload", "analyze", "--workers", "1",
                "--profile", "wall", "--profile-out", prof.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("scanned 1 file").contains("wall profile (").contains("total_samples")
                .contains("wrote the flame graph to " + prof.resolve("flame.html"));
        assertThat(prof.resolve("flame.html")).content().contains("<script");
        assertThat(Files.readAllLines(prof.resolve("profile.csv")).getFirst()).isEqualTo("method,self_samples,total_samples,self_pct,total_pct");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aLibraryWhereNothingCanBeReadExitsNonZero() throws IOException {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.createFile(broken.resolve("a.mp3"));
        Files.writeString(broken.resolve("b.flac"), "garbage");
        CliRun run = scan(broken.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).containsPattern("failed\\s+2");
    }

    @Test
    void aSymlinkLoopIsSteppedOverWithAWarning() throws IOException {
        Files.createSymbolicLink(library.resolve("a/loop"), library);
        CliRun run = scan(library.toString(), "--workers", "1");
        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("warning:").contains("loop");
        assertThat(run.out()).contains("scanned 3 files");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = scan("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--workload", "--strategy", "--workers", "--gil", "--chunksize", "--seconds", "--json", "--csv", "--profile", "--profile-out");
    }

    @Test
    void theBundledLibraryScansWithTheManifestsCounts() throws IOException {
        Manifest manifest = Manifest.require();
        Path json = tmp.resolve("library.json");
        CliRun run = scan(manifest.library().toString(), "--json", json.toString());
        assertThat(run.code()).isZero();
        JsonNode summary = new ObjectMapper().readTree(json.toFile()).get("summary");
        assertThat(summary.get("files").asInt()).isEqualTo(manifest.scanned().size());
        assertThat(summary.get("ok").asInt()).isEqualTo(manifest.expectedOk().size());
        assertThat(summary.get("failed").asInt()).isEqualTo(manifest.expectedFailures().size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
