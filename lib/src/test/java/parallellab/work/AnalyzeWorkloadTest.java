package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyzeWorkloadTest {

    @TempDir
    Path dir;

    @Test
    void aSineAtHalfScaleIsMinusSixDbPeakAndMinusNineDbRms() throws IOException {
        Path file = SyntheticAudio.sine(dir.resolve("sine.wav"), 1000, 0.5, 3, 44100);

        Analysis a = analysisOf(new AnalyzeWorkload().process(file));

        assertThat(a.analysedSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(a.peakDbfs()).isCloseTo(-6.02, within(0.01));
        assertThat(a.rmsDbfs()).isCloseTo(-9.03, within(0.02));
        assertThat(a.spectralCentroidHz()).isCloseTo(1000, within(60.0));
        assertThat(a.spectralRolloffHz()).isCloseTo(1000, within(50.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {85, 99.5, 128, 137.5, 150})
    void findsTheTempoOfADrumGrooveWithinTwoBpm(double bpm) throws IOException {
        Path file = SyntheticAudio.groove(dir.resolve("groove.wav"), bpm, 10, 44100, 2);

        assertThat(analysisOf(new AnalyzeWorkload().process(file)).tempoBpm()).isCloseTo(bpm, within(2.0));
    }

    @Test
    void analysesOnlyTheFirstSecondsAskedFor() throws IOException {
        Path file = SyntheticAudio.groove(dir.resolve("groove.wav"), 120, 8, 22050, 1);

        assertThat(analysisOf(new AnalyzeWorkload(2.5).process(file)).analysedSeconds()).isCloseTo(2.5, within(1e-9));
        assertThat(analysisOf(new AnalyzeWorkload(60).process(file)).analysedSeconds()).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void secondsMustBePositive() {
        assertThatThrownBy(() -> new AnalyzeWorkload(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnalyzeWorkload(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AnalyzeWorkload().seconds()).isEqualTo(AnalyzeWorkload.DEFAULT_SECONDS);
        assertThat(Workloads.named("analyze")).isEqualTo(new AnalyzeWorkload(AnalyzeWorkload.DEFAULT_SECONDS));
    }

    @Test
    void theSameFileGivesTheSameResultInAnyThread() throws Exception {
        Path file = SyntheticAudio.groove(dir.resolve("groove.wav"), 111, 6, 44100, 2);
        AnalyzeWorkload workload = new AnalyzeWorkload();
        FileResult here = workload.process(file);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> workload.process(file));
            var second = pool.submit(() -> workload.process(file));
            assertThat(first.get()).isEqualTo(here);
            assertThat(second.get()).isEqualTo(here);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(here.ok()).isTrue();
    }

    @Test
    void anInterruptedThreadStopsWithAFailureAndKeepsTheFlag() throws Exception {
        Path file = SyntheticAudio.groove(dir.resolve("groove.wav"), 100, 6, 44100, 2);
        FileResult[] result = new FileResult[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread worker = new Thread(() -> {
            Thread.currentThread().interrupt();
            result[0] = new AnalyzeWorkload().process(file);
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        worker.start();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(result[0]).isEqualTo(new FileResult.Failed(file, "interrupted"));
        assertThat(stillInterrupted[0]).isTrue();
    }

    @Test
    void brokenFilesAreOneLineFailures() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp3"));
        Path text = Files.writeString(dir.resolve("notes.flac"), "not audio at all, just some notes\n");
        Path m4a = Files.write(dir.resolve("song.m4a"), new byte[] {0, 0, 0, 32, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0});
        Path wav = SyntheticAudio.sine(dir.resolve("whole.wav"), 440, 0.5, 1, 44100);
        Path truncated = Files.write(dir.resolve("truncated.wav"), java.util.Arrays.copyOf(Files.readAllBytes(wav), 30));
        Path missing = dir.resolve("missing.wav");

        for (Path file : new Path[] {empty, text, m4a, truncated, missing}) {
            FileResult result = new AnalyzeWorkload().process(file);
            assertThat(result).as(file.getFileName().toString()).isInstanceOf(FileResult.Failed.class);
            assertThat(((FileResult.Failed) result).reason()).doesNotContain("\n").isNotBlank();
        }
    }

    @Test
    void decodesByContentNotByName() throws IOException {
        Path wav = SyntheticAudio.sine(dir.resolve("sine.wav"), 440, 0.5, 1, 44100);
        Path misnamed = Files.copy(wav, dir.resolve("sine.mp3"));

        assertThat(analysisOf(new AnalyzeWorkload().process(misnamed)))
                .isEqualTo(analysisOf(new AnalyzeWorkload().process(wav)));
    }

    @Test
    void silenceHasAFloorLevelAndNoTempo() throws IOException {
        Path file = SyntheticAudio.write(dir.resolve("silence.wav"), new double[44100 * 4], 44100, 1);

        Analysis a = analysisOf(new AnalyzeWorkload().process(file));

        assertThat(a.peakDbfs()).isEqualTo(Loudness.FLOOR_DBFS);
        assertThat(a.rmsDbfs()).isEqualTo(Loudness.FLOOR_DBFS);
        assertThat(a.tempoBpm()).isNaN();
        assertThat(a.spectralCentroidHz()).isNaN();
    }

    static Analysis analysisOf(FileResult result) {
        assertThat(result).isInstanceOf(FileResult.Ok.class);
        return ((FileResult.Ok) result).analysis();
    }

}
