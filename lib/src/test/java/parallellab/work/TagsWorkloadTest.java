package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.scan.LibraryWalker;
import parallellab.testing.Fixtures;
import parallellab.testing.Manifest;

class TagsWorkloadTest {

    @TempDir
    Path tmp;

    private final TagsWorkload tags = new TagsWorkload();

    @Test
    void readsEveryOkFileOfTheLibraryAsTheManifestSays() {
        Manifest manifest = Manifest.require();
        SoftAssertions soft = new SoftAssertions();
        for (Manifest.Row row : manifest.expectedOk()) {
            FileResult result = tags.process(manifest.fileOf(row));
            soft.assertThat(result).as(row.path()).isInstanceOf(FileResult.Ok.class);
            if (result instanceof FileResult.Ok ok) {
                SongData song = ok.song();
                soft.assertThat(song.format()).as(row.path() + " format").isEqualTo(row.format());
                soft.assertThat(song.title()).as(row.path() + " title").isEqualTo(row.title());
                soft.assertThat(song.artist()).as(row.path() + " artist").isEqualTo(row.artist());
                soft.assertThat(song.album()).as(row.path() + " album").isEqualTo(row.album());
                soft.assertThat(song.track()).as(row.path() + " track").isEqualTo(row.track());
                soft.assertThat(song.year()).as(row.path() + " year").isEqualTo(row.year());
                soft.assertThat(song.genre()).as(row.path() + " genre").isEqualTo(row.genre());
                soft.assertThat(song.durationSeconds()).as(row.path() + " duration").isCloseTo(row.durationSeconds(), within(0.1));
                soft.assertThat(song.sampleRate()).as(row.path() + " sample rate").isPositive();
                soft.assertThat(song.channels()).as(row.path() + " channels").isBetween(1, 8);
                soft.assertThat(song.fileSize()).as(row.path() + " size").isEqualTo(manifest.fileOf(row).toFile().length());
            }
        }
        soft.assertAll();
    }

    @Test
    void failsEveryBrokenFileOfTheLibraryWithAReason() {
        Manifest manifest = Manifest.require();
        SoftAssertions soft = new SoftAssertions();
        for (Manifest.Row row : manifest.expectedFailures()) {
            FileResult result = tags.process(manifest.fileOf(row));
            soft.assertThat(result).as(row.path()).isInstanceOf(FileResult.Failed.class);
            if (result instanceof FileResult.Failed failed) {
                String expectedWord = switch (row.failKind()) {
                    case "empty" -> "empty";
                    case "truncated" -> "truncated";
                    default -> "";
                };
                soft.assertThat(failed.reason()).as(row.path()).contains(expectedWord).doesNotContain("\n");
            }
        }
        soft.assertAll();
    }

    @Test
    void theWalkerSkipsWhatTheManifestSkipsAndFindsTheRest() {
        Manifest manifest = Manifest.require();
        Set<String> walked = LibraryWalker.audioFiles(manifest.library()).stream()
                .map(p -> manifest.library().relativize(p).toString()).collect(Collectors.toSet());
        assertThat(walked).doesNotContainAnyElementsOf(manifest.skipped().stream().map(Manifest.Row::path).toList());
        assertThat(walked).containsAll(manifest.scanned().stream().map(Manifest.Row::path).toList());
    }

    @Test
    void jaudiotaggerAsIsAndTheTunedReaderAgreeOnEveryFile() {
        Manifest manifest = Manifest.require();
        TagsWorkload asIs = TagsWorkload.jaudiotaggerAsIs();
        SoftAssertions soft = new SoftAssertions();
        for (Manifest.Row row : manifest.scanned()) {
            Path file = manifest.fileOf(row);
            FileResult tuned = tags.process(file);
            FileResult before = asIs.process(file);
            soft.assertThat(tuned.ok()).as(row.path()).isEqualTo(before.ok());
            if (tuned instanceof FileResult.Ok a && before instanceof FileResult.Ok b) {
                soft.assertThat(a.song()).as(row.path()).isEqualTo(b.song());
            }
        }
        soft.assertAll();
    }

    @Test
    void readsAWavWrittenByHand() throws IOException {
        Path wav = Fixtures.wav(tmp.resolve("tone.wav"), 1.5, 22050, 1, "Tone é", "Maker");
        FileResult result = tags.process(wav);
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        SongData song = ((FileResult.Ok) result).song();
        assertThat(song.format()).isEqualTo("wav");
        assertThat(song.title()).isEqualTo("Tone é");
        assertThat(song.artist()).isEqualTo("Maker");
        assertThat(song.durationSeconds()).isCloseTo(1.5, within(0.01));
        assertThat(song.sampleRate()).isEqualTo(22050);
        assertThat(song.channels()).isEqualTo(1);
        assertThat(song.fileSize()).isEqualTo(Files.size(wav));
        assertThat(((FileResult.Ok) result).analysis()).isEqualTo(Analysis.NONE);
    }

    @Test
    void aFileWithTheWrongExtensionIsReadAsWhatItReallyIs() throws IOException {
        Path disguised = Fixtures.wav(tmp.resolve("really-a-wav.flac"), 1, 8000, 2, "Disguised", "");
        FileResult result = tags.process(disguised);
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        assertThat(((FileResult.Ok) result).song().format()).isEqualTo("wav");
        assertThat(((FileResult.Ok) result).song().title()).isEqualTo("Disguised");
    }

    @Test
    void anEmptyFileFails() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mp3"));
        assertThat(tags.process(empty)).isEqualTo(new FileResult.Failed(empty, "empty file (0 bytes)"));
    }

    @Test
    void garbageIsNotAnAudioFile() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("garbage.ogg"), "this is a text file, not a song\n".repeat(20));
        FileResult result = tags.process(garbage);
        assertThat(result).isInstanceOf(FileResult.Failed.class);
        assertThat(((FileResult.Failed) result).reason()).startsWith("not an audio file");
    }

    @Test
    void aTruncatedFileFailsWithAOneLineReason() throws IOException {
        Path wav = Fixtures.wav(tmp.resolve("whole.wav"), 1, 8000, 1, "Whole", "");
        for (int bytes : List.of(4, 12, 30, 44)) {
            Path cut = Fixtures.truncatedCopy(wav, tmp.resolve("cut" + bytes + ".wav"), bytes);
            FileResult result = tags.process(cut);
            assertThat(result).as(bytes + " bytes").isInstanceOf(FileResult.Failed.class);
            assertThat(((FileResult.Failed) result).reason()).as(bytes + " bytes").doesNotContain("\n").isNotBlank();
        }
    }

    @Test
    void aTruncatedLibraryFileOfEachFormatFails() throws IOException {
        Manifest manifest = Manifest.require();
        for (String format : List.of("mp3", "flac", "ogg", "m4a")) {
            Manifest.Row row = manifest.expectedOk().stream().filter(r -> r.format().equals(format)).findFirst().orElseThrow();
            Path cut = Fixtures.truncatedCopy(manifest.fileOf(row), tmp.resolve("cut." + format), 200);
            assertThat(tags.process(cut)).as(format).isInstanceOf(FileResult.Failed.class);
        }
    }

    @Test
    void aMissingFileFails() {
        Path missing = tmp.resolve("gone.mp3");
        assertThat(tags.process(missing)).isEqualTo(new FileResult.Failed(missing, "file not found"));
    }

    @Test
    void anUnreadableFileFails() throws IOException {
        Path wav = Fixtures.wav(tmp.resolve("locked.wav"), 1, 8000, 1, "Locked", "");
        Files.setPosixFilePermissions(wav, PosixFilePermissions.fromString("---------"));
        // root reads any file whatever its mode, so the case only exists for ordinary users.
        Assumptions.assumeFalse(Files.isReadable(wav), "running as root: chmod 000 does not stop root from reading");
        assertThat(tags.process(wav)).isEqualTo(new FileResult.Failed(wav, "permission denied"));
    }

    @Test
    void aFolderNamedLikeAnAudioFileFails() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("album.mp3"));
        assertThat(tags.process(folder)).isInstanceOf(FileResult.Failed.class);
    }

    @Test
    void genreNumbersAndTrackAndYearTextAreNormalised() {
        assertThat(TagReader.genre("(17)")).isEqualTo("Rock");
        assertThat(TagReader.genre("17")).isEqualTo("Rock");
        assertThat(TagReader.genre("Synthpop")).isEqualTo("Synthpop");
        assertThat(TagReader.leadingNumber("3/12")).isEqualTo(3);
        assertThat(TagReader.leadingNumber("2004-05-01")).isEqualTo(2004);
        assertThat(TagReader.leadingNumber("")).isZero();
        assertThat(TagReader.leadingNumber("99999999999999")).isPositive();
    }
}
