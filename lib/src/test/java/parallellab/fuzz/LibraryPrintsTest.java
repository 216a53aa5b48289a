package parallellab.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.testing.Manifest;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.LibraryPrints;

/**
 * jflac prints "readResidual elsecase" on stdout for damaged FLACs; a scan must print nothing of it,
 * and must not swallow anyone else's output.
 */
class LibraryPrintsTest {

    @TempDir
    Path dir;

    @Test
    void damagedFlacsDecodeWithNothingPrintedWhileOtherOutputPassesThrough() throws Exception {
        List<Path> flacs = FuzzCorpus.sources(Manifest.require().library()).stream().filter(p -> p.toString().endsWith(".flac")).toList();
        // Seed 13's copies 48 (garbage tail) and 53 (spliced) make jflac print; decode those two kinds.
        List<Path> damaged = FuzzCorpus.write(flacs, dir, 60, 13).entrySet().stream()
                .filter(e -> e.getValue() == Damage.GARBAGE_TAIL || e.getValue() == Damage.SPLICED).map(e -> e.getKey()).toList();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        long droppedBefore = LibraryPrints.droppedBytes();
        long droppedByJflac;
        try {
            System.setOut(capture);
            System.setErr(capture);
            for (Path flac : damaged) {
                new AnalyzeWorkload(1).process(flac);
            }
            droppedByJflac = LibraryPrints.droppedBytes() - droppedBefore;
            System.out.println("ours, before");
            try (LibraryPrints.Muted quiet = LibraryPrints.mute()) {
                Thread other = Thread.ofPlatform().start(() -> System.out.println("another thread's"));
                other.join();
                System.out.println("a muted thread's");
            }
            System.err.println("ours, after");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(droppedByJflac).as("jflac printed, and it was dropped").isPositive();
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("ours, before", "another thread's", "ours, after");
    }
}
