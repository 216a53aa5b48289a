package parallellab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import parallellab.work.Workload;

/** The bundled library when it is there, else a small made-up one; and workloads for the tests. */
final class TestLibrary {

    private TestLibrary() {}

    /** data/library from the parallellab.data property, or a small library written under {@code tmp}. */
    static Path libraryOr(Path tmp) {
        String data = System.getProperty("parallellab.data");
        if (data != null && Files.isRegularFile(Path.of(data, "manifest.csv"))) {
            return Path.of(data, "library");
        }
        return smallLibrary(tmp);
    }

    static Path smallLibrary(Path tmp) {
        try {
            Path root = tmp.resolve("library");
            if (Files.isDirectory(root)) {
                return root;
            }
            for (int artist = 0; artist < 4; artist++) {
                Path album = Files.createDirectories(root.resolve("Artist " + artist).resolve("Album"));
                for (int track = 1; track <= 6; track++) {
                    Files.writeString(album.resolve(String.format("%02d Song.mp3", track)), "song " + artist + "/" + track);
                }
            }
            Files.createFile(root.resolve("empty.flac"));
            Files.writeString(root.resolve("notes.txt"), "not audio");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the file and fingerprints it: real I/O, deterministic, and fails on an empty file. */
    record Fingerprint() implements Workload {
        @Override
        public String name() {
            return "fingerprint";
        }

        @Override
        public FileResult process(Path file) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length == 0) {
                    return new FileResult.Failed(file, "empty file");
                }
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                return new FileResult.Ok(file, new SongData("bytes", sha, "", "", 0, 0, "", 0, 0, 0, 0, bytes.length), Analysis.NONE);
            } catch (IOException | NoSuchAlgorithmException e) {
                return new FileResult.Failed(file, e.toString());
            }
        }
    }

    /** Sleeps on every file, so a scan is still running when the test interrupts it. */
    record Slow(long millis) implements Workload {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public FileResult process(Path file) {
            try {
                Thread.sleep(millis);
                return new FileResult.Failed(file, "slept");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FileResult.Failed(file, "interrupted");
            }
        }
    }
}
