package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AudioContainerTest {

    @Test
    void recognisesEachContainerByItsMagicBytes() {
        assertThat(sniff("RIFF\0\0\0\0WAVEfmt ")).isEqualTo(AudioContainer.WAV);
        assertThat(sniff("fLaC\0\0\0\"")).isEqualTo(AudioContainer.FLAC);
        assertThat(sniff("OggS\0\2")).isEqualTo(AudioContainer.OGG);
        assertThat(sniff("\0\0\0\u0020ftypM4A ")).isEqualTo(AudioContainer.M4A);
        assertThat(sniff("ID3\4\0\0")).isEqualTo(AudioContainer.MP3);
        assertThat(AudioContainer.sniff(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0}, 4)).isEqualTo(AudioContainer.MP3);
    }

    @Test
    void textAndShortFilesAreUnknown() {
        assertThat(sniff("hello world, not audio")).isEqualTo(AudioContainer.UNKNOWN);
        assertThat(AudioContainer.sniff(new byte[0], 0)).isEqualTo(AudioContainer.UNKNOWN);
        assertThat(sniff("RIF")).isEqualTo(AudioContainer.UNKNOWN);
    }

    private static AudioContainer sniff(String header) {
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        return AudioContainer.sniff(bytes, bytes.length);
    }
}
