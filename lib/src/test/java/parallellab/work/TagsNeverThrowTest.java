package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes a file holds, the tags workload returns a result and never throws. */
class TagsNeverThrowTest {

    @Property(tries = 150)
    void anyBytesBehindAnyMagicGiveAResult(@ForAll("magic") String magic, @ForAll @Size(max = 3000) byte[] rest) throws IOException {
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

    @Provide
    Arbitrary<String> magic() {
        return Arbitraries.of("ID3\u0003\u0000\u0000\u0000\u0000\u0002\u0000", "\u00ff\u00fb\u0090\u0000", "fLaC",
                "OggS\u0000\u0002", "\u0000\u0000\u0000\u0018ftypM4A ", "RIFF\u0000\u0010\u0000\u0000WAVE", "");
    }
}
