package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioFormatSnifferTest {

    @ParameterizedTest
    @CsvSource({
        "'ID3\u0004\u0000', mp3",
        "'fLaC\u0000\u0000\u0000\"', flac",
        "'OggS\u0000\u0002', ogg",
        "'\u0000\u0000\u0000\u0020ftypM4A ', m4a",
        "'RIFF\u0024\u0000\u0000\u0000WAVE', wav",
        "'FORM\u0000\u0000\u0000\u0000AIFF', aif",
        "'hello world!', ''",
        "'', ''",
        "'RIFF\u0024\u0000\u0000\u0000AVI ', ''",
    })
    void tellsTheFormatFromTheFirstBytes(String head, String expected) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(AudioFormatSniffer.sniff(bytes, bytes.length).orElse("")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"255, 251", "255, 243", "255, 227"})
    void anMpegFrameSyncIsAnMp3(int b0, int b1) {
        byte[] bytes = {(byte) b0, (byte) b1, (byte) 0x90, 0};
        assertThat(AudioFormatSniffer.sniff(bytes, bytes.length)).contains("mp3");
    }
}
