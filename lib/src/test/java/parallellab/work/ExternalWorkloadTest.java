package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.testing.Fixtures;
import parallellab.testing.Manifest;

class ExternalWorkloadTest {

    @TempDir
    Path tmp;

    private final ExternalWorkload ffprobe = new ExternalWorkload();

    @BeforeEach
    void needsFfprobe() {
        Assumptions.assumeTrue(ExternalWorkload.findOnPath("ffprobe").isPresent(),
                "ffprobe is not installed (apt install ffmpeg): skipping the external workload tests");
    }

    @Test
    void readsOneFileOfEachFormatLikeTheManifest() {
        Manifest manifest = Manifest.require();
        for (String format : List.of("mp3", "flac", "ogg", "m4a", "wav")) {
            Manifest.Row row = manifest.expectedOk().stream().filter(r -> r.format().equals(format)).findFirst().orElseThrow();
            FileResult result = ffprobe.process(manifest.fileOf(row));
            assertThat(result).as(row.path()).isInstanceOf(FileResult.Ok.class);
            SongData song = ((FileResult.Ok) result).song();
            assertThat(song.format()).as(row.path()).isEqualTo(row.format());
            assertThat(song.title()).as(row.path()).isEqualTo(row.title());
            assertThat(song.artist()).as(row.path()).isEqualTo(row.artist());
            assertThat(song.durationSeconds()).as(row.path()).isCloseTo(row.durationSeconds(), within(0.1));
        }
    }

    @Test
    void readsAHandMadeWav() throws IOException {
        Path wav = Fixtures.wav(tmp.resolve("tone.wav"), 2, 16000, 2, "Tone", "Maker");
        FileResult result = ffprobe.process(wav);
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        SongData song = ((FileResult.Ok) result).song();
        assertThat(song.format()).isEqualTo("wav");
        assertThat(song.title()).isEqualTo("Tone");
        assertThat(song.sampleRate()).isEqualTo(16000);
        assertThat(song.channels()).isEqualTo(2);
        assertThat(song.durationSeconds()).isCloseTo(2, within(0.01));
    }

    @Test
    void brokenFilesAreOneLineFailures() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mp3"));
        Path garbage = Files.writeString(tmp.resolve("garbage.flac"), "not audio at all\n".repeat(50));
        assertThat(ffprobe.process(empty)).isEqualTo(new FileResult.Failed(empty, "empty file (0 bytes)"));
        FileResult failed = ffprobe.process(garbage);
        assertThat(failed).isInstanceOf(FileResult.Failed.class);
        // ffprobe takes a text file for ANSI art ("tty"), a video without sound.
        assertThat(((FileResult.Failed) failed).reason()).isNotBlank().doesNotContain("\n").doesNotContain(garbage.toString());
    }

    @Test
    void aMissingProgramIsNamedWithItsPackage() {
        assertThat(ExternalWorkload.findOnPath("no-such-program-here")).isEmpty();
        ExternalWorkload sox = new ExternalWorkload("sox");
        if (ExternalWorkload.findOnPath("sox").isEmpty()) {
            assertThatThrownBy(sox::checkAvailable).hasMessage("sox not found: install sox (apt install sox)");
        }
        assertThatThrownBy(() -> new ExternalWorkload("rm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ffprobe, sox");
        ffprobe.checkAvailable();
    }

    @Test
    void aSlowProgramIsStoppedAtTheTimeout() {
        long before = ProcessHandle.current().descendants().count();
        assertThatThrownBy(() -> ProgramRun.run(List.of("sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(ProgramRun.TimeoutException.class).hasMessageContaining("sleep");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isLessThanOrEqualTo(before);
    }

    @Test
    void anInterruptKillsTheChildAndKeepsTheFlag() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                ProgramRun.run(List.of("sleep", "30"), Duration.ofSeconds(60));
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void bothPipesAreDrainedSoABigOutputDoesNotDeadlock() throws Exception {
        ProgramRun run = ProgramRun.run(List.of("sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2; exit 3"), Duration.ofSeconds(30));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).hasSize(300_000);
        assertThat(run.stderr()).hasSize(300_000);
    }

    @Test
    void parsesFfprobeJsonWithTagsInAnyCaseAndPlace() throws Exception {
        String json = """
                {"streams": [{"codec_type": "video", "codec_name": "mjpeg"},
                             {"codec_type": "audio", "codec_name": "vorbis", "sample_rate": "48000", "channels": 1,
                              "bit_rate": "96000", "tags": {"TITLE": "Stream Title", "TRACKNUMBER": "4/9"}}],
                 "format": {"format_name": "ogg", "duration": "12.5", "size": "1234",
                            "tags": {"Artist": "Someone", "DATE": "1999-01-01", "genre": "(17)"}}}
                """;
        SongData song = FfprobeParser.parse(json, 1234);
        assertThat(song).isEqualTo(new SongData("ogg", "Stream Title", "Someone", "", 4, 1999, "Rock", 12.5, 48000, 1, 96, 1234));
        assertThatThrownBy(() -> FfprobeParser.parse("{\"streams\": [], \"format\": {}}", 1))
                .hasMessageStartingWith("not an audio file");
        assertThat(FfprobeParser.formatName("mov,mp4,m4a,3gp,3g2,mj2", "aac")).isEqualTo("m4a");
    }

    @Test
    void parsesSoxInfo() {
        String text = """

                Input File     : 't1.flac'
                Channels       : 2
                Sample Rate    : 44100
                Precision      : 16-bit
                Duration       : 00:01:06.50 = 2932650 samples = 4987.5 CDDA sectors
                File Size      : 80.8k
                Bit Rate       : 108k
                Sample Encoding: 16-bit FLAC
                Comments       :
                title=Song, é
                artist=Artist 1
                TRACKNUMBER=7
                date=2001
                """;
        SongData song = SoxInfoParser.parse(text, 80845);
        assertThat(song).isEqualTo(new SongData("flac", "Song, é", "Artist 1", "", 7, 2001, "", 66.5, 44100, 2, 108, 80845));
    }
}
