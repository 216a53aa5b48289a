package parallellab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import parallellab.work.FileResult;

/** The bar appears only for a scan that lasts: a short one prints nothing and starts no thread. */
class ProgressBarListenerTest {

    private static String feed(Duration showAfter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBarListener bar = new ProgressBarListener("scan", new PrintStream(out, true, StandardCharsets.UTF_8), showAfter)) {
            for (int i = 0; i < 3; i++) {
                bar.found(Path.of("f" + i + ".mp3"));
            }
            bar.walkFinished(3);
            for (int i = 0; i < 3; i++) {
                bar.finished(new FileResult.Failed(Path.of("f" + i + ".mp3"), "test"));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aScanShorterThanTheDelayDrawsNoBar() {
        long barThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ProgressBar")).count();
        assertThat(feed(Duration.ofHours(1))).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ProgressBar")).count()).isEqualTo(barThreads);
    }

    @Test
    void aScanThatLastsGetsItsBarWithTheCountsSoFar() {
        assertThat(feed(Duration.ZERO)).contains("scan").contains("3/3");
    }
}
