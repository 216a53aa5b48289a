package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever bytes a file holds, the tags workload returns a result and never throws: 150 files of
 * random bytes behind the first bytes of each format, from a fixed seed so that a failure reproduces.
 */
class TagsNeverThrowTest {

    private static final List<String> MAGIC = List.of("ID3\u0003\u0000\u0000\u0000\u0000\u0002\u0000", "\u00ff\u00fb\u0090\u0000", "fLaC",
            "OggS\u0000\u0002", "\u0000\u0000\u0000\u0018ftypM4A ", "RIFF\u0000\u0010\u0000\u0000WAVE", "");

    static Stream<Arguments> files() {
        Random random = new Random(3_000L);
        return IntStream.range(0, 150).mapToObj(i -> {
            byte[] rest = new byte[random.nextInt(3001)];
            random.nextBytes(rest);
            return Arguments.of(i, MAGIC.get(random.nextInt(MAGIC.size())), rest);
        });
    }

    @ParameterizedTest(name = "file {0}")
    @MethodSource("files")
    void anyBytesBehindAnyMagicGiveAResult(int number, String magic, byte[] rest) throws IOException {
        Path file = Files.createTempFile("fuzz", ".mp3");
        try {
            byte[] head = magic.getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[head.length + rest.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            Files.write(file, all);
            for (TagsWorkload tags : new TagsWorkload[] {new TagsWorkload(), TagsWorkload.jaudiotaggerAsIs()}) {
                FileResult result = tags.process(file);
                assertThat(result).isNotNull();
                if (result instanceof FileResult.Failed failed) {
                    assertThat(failed.reason()).isNotBlank().doesNotContain("\n");
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
