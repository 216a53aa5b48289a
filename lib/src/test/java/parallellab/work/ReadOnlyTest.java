package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import parallellab.scan.LibraryWalker;
import parallellab.testing.Manifest;

/**
 * No workload may change the user's music: every file of the library (audio or not) has the same
 * SHA-256 and modification time after a full scan with each workload as before.
 */
class ReadOnlyTest {

    private record Fingerprint(String sha256, long modifiedMillis, long size) {}

    @Test
    void aFullScanWithEveryWorkloadChangesNoFile() throws Exception {
        Manifest manifest = Manifest.require();
        Path library = manifest.library();
        Map<String, Fingerprint> before = fingerprints(library);
        List<Path> audio = LibraryWalker.audioFiles(library);

        for (Workload workload : List.of(new TagsWorkload(), TagsWorkload.jaudiotaggerAsIs(), Workloads.named("analyze"))) {
            audio.forEach(workload::process);
        }
        if (ExternalWorkload.findOnPath("ffprobe").isPresent()) {
            // ffprobe costs a process start per file: one file of each kind, plus every broken one.
            ExternalWorkload external = new ExternalWorkload();
            manifest.scanned().stream().filter(r -> r.fails() || manifest.rows().stream()
                            .filter(o -> o.format().equals(r.format()) && o.ok()).findFirst().orElse(r) == r)
                    .forEach(r -> external.process(manifest.fileOf(r)));
        }

        assertThat(fingerprints(library)).isEqualTo(before);
    }

    private static Map<String, Fingerprint> fingerprints(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, Fingerprint> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
                all.put(root.relativize(p).toString(), new Fingerprint(HexFormat.of().formatHex(sha.digest()),
                        Files.getLastModifiedTime(p).toMillis(), Files.size(p)));
            }
        }
        return all;
    }
}
