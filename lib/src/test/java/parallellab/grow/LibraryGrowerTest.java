package parallellab.grow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.cli.Main;
import parallellab.scan.LibraryWalker;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;

class LibraryGrowerTest {

    @TempDir
    static Path tmp;

    private static Path source;

    @BeforeAll
    static void findSource() throws Exception {
        String data = System.getProperty("parallellab.data");
        if (data != null && Files.isRegularFile(Path.of(data, "manifest.csv"))) {
            source = Path.of(data, "library");
        } else {
            source = Files.createDirectories(tmp.resolve("data/library"));
            StringBuilder manifest = new StringBuilder("path,format,title,artist,album,track,year,genre,duration_s,tempo_bpm,key,expected\n");
            for (int i = 1; i <= 3; i++) {
                String path = "Artist/Album " + i + "/0" + i + " Tone.wav";
                writeWav(source.resolve(path), 220 * i);
                manifest.append('"').append(path).append("\",wav,Tone ").append(i).append(",Artist,Album,1,2000,,0.2,0,,ok\n");
            }
            // A WAV named .flac: readable by sniffing, so "ok", but jaudiotagger cannot tag it.
            Files.copy(source.resolve("Artist/Album 1/01 Tone.wav"), source.resolve("Artist/misnamed.flac"));
            manifest.append("Artist/misnamed.flac,flac,,,,0,0,,0.2,0,,ok\n");
            Files.createFile(source.resolve("Artist/empty.mp3"));
            manifest.append("Artist/empty.mp3,mp3,,,,0,0,,0,0,,fail:empty\n");
            Files.writeString(tmp.resolve("data/manifest.csv"), manifest);
        }
    }

    @Test
    void writesDistinctTaggedCopiesAndLeavesTheOriginalsAlone() throws Exception {
        Map<Path, String> before = hashes(source);
        LibraryGrower grower = LibraryGrower.from(source);
        Path to = tmp.resolve("grown");

        LibraryGrower.Grown grown = grower.grow(to, 25, 7);

        assertThat(grown.files()).isEqualTo(25);
        List<Path> copies = LibraryWalker.audioFiles(to);
        assertThat(copies).hasSize(25);
        assertThat(grower.sources()).noneMatch(s -> s.file().getFileName().toString().equals("empty.mp3"));
        Set<String> titles = new HashSet<>();
        for (Path copy : copies) {
            Tag tag = AudioFileIO.read(copy.toFile()).getTag();
            String title = tag.getFirst(FieldKey.TITLE);
            assertThat(title).matches("Copy 00\\d\\d of .*");
            titles.add(title);
            FileResult read = new TagsWorkload().process(copy);
            assertThat(read).as("the tags workload reads the copy %s", copy).isInstanceOf(FileResult.Ok.class);
            assertThat(((FileResult.Ok) read).song().title()).isEqualTo(title);
            assertThat(tag.getFirst(FieldKey.ARTIST)).isEqualTo("Artist 000");
            assertThat(copy.getParent().getParent().getFileName()).hasToString("Artist 000");
            assertThat(tag.getFirst(FieldKey.ALBUM)).isEqualTo(copy.getParent().getFileName().toString());
            assertThat(Integer.parseInt(tag.getFirst(FieldKey.TRACK))).isBetween(1, 10);
            assertThat(Integer.parseInt(tag.getFirst(FieldKey.YEAR).substring(0, 4))).isBetween(1960, 2024);
        }
        assertThat(titles).as("every copy is distinct").hasSize(25);
        assertThat(hashes(source)).as("the originals are untouched").isEqualTo(before);
    }

    @Test
    void withoutAManifestItCopiesTheFilesJaudiotaggerReads() throws Exception {
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        writeWav(bare.resolve("a.wav"), 440);
        Files.createFile(bare.resolve("b.mp3"));
        assertThat(LibraryGrower.from(bare).sources()).extracting(s -> s.file().getFileName().toString()).containsExactly("a.wav");
    }

    @Test
    void theSeedFixesTheLayout() throws Exception {
        LibraryGrower grower = LibraryGrower.from(source);
        grower.grow(tmp.resolve("a"), 12, 3);
        grower.grow(tmp.resolve("b"), 12, 3);
        assertThat(relativeNames(tmp.resolve("b"))).isEqualTo(relativeNames(tmp.resolve("a")));
    }

    @Test
    void refusesBadRequests() throws Exception {
        LibraryGrower grower = LibraryGrower.from(source);
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "keep me");
        assertThatThrownBy(() -> grower.grow(full, 5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        assertThatThrownBy(() -> LibraryGrower.clearGrown(full)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a grown library");
        assertThat(full.resolve("mine.txt")).exists();
        assertThatThrownBy(() -> grower.grow(tmp.resolve("zero"), 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LibraryGrower.from(tmp.resolve("missing"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such folder");
    }

    @Test
    void theCommandRefusesANonEmptyTargetUnlessItWasGrown() throws Exception {
        Path to = tmp.resolve("cli");
        assertThat(run("--from", source.toString(), "--to", to.toString(), "--files", "4")).isZero();
        assertThat(run("--from", source.toString(), "--to", to.toString(), "--files", "6")).isEqualTo(1);
        assertThat(run("--from", source.toString(), "--to", to.toString(), "--files", "6", "--force")).isZero();
        assertThat(LibraryWalker.audioFiles(to)).hasSize(6);
        assertThat(run("--from", source.toString(), "--to", tmp.resolve("cli0").toString(), "--files", "0")).isEqualTo(1);
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        List<String> grow = new java.util.ArrayList<>(List.of("grow"));
        grow.addAll(List.of(args));
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), grow.toArray(String[]::new));
        if (code != 0) {
            assertThat(err.toString().strip()).as("a one-line error").startsWith("error: ").doesNotContain("\n");
        }
        return code;
    }

    private static List<String> relativeNames(Path root) {
        return LibraryWalker.audioFiles(root).stream().map(p -> root.relativize(p).toString()).toList();
    }

    private static Map<Path, String> hashes(Path root) throws IOException {
        Map<Path, String> hashes = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(file, HexFormat.of().formatHex(sha256(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short sine tone as a 16-bit mono WAV, when the bundled library is not there. */
    private static void writeWav(Path file, double hz) throws IOException {
        Files.createDirectories(file.getParent());
        float rate = 8000;
        byte[] pcm = new byte[(int) rate / 5 * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, new File(file.toString()));
        }
    }
}
