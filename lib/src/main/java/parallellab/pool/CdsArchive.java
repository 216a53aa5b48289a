package parallellab.pool;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A class-data-sharing (AppCDS) archive that makes worker JVMs start faster.
 *
 * <p>A JVM spends much of its start-up reading, parsing and verifying classes. An archive keeps
 * them ready to map into memory. The first pool on a machine has worker 1 write one as it exits
 * ({@code -XX:ArchiveClassesAtExit}, into a private file that is then renamed, so that no worker
 * ever reads half an archive); later workers map it ({@code -XX:SharedArchiveFile}). The archive is
 * only valid for one JDK and one class path, so both are in its name, under
 * {@code ~/.cache/parallel-lab/cds/}. If the JVM finds it stale it just starts without it.
 */
final class CdsArchive {

    private static final int KEEP = 6;

    private final Path archive;
    private final Path pending;
    private volatile boolean beingWritten;

    private CdsArchive(Path archive) {
        this.archive = archive;
        this.pending = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * The archive for workers with this class path and these options, or null when the class path
     * holds a folder of classes (a build's target/classes): the JVM archives classes from jars only.
     */
    static CdsArchive forWorkers(String classPath, List<String> jvmOptions) {
        if (!onlyPlainJars(classPath)) {
            return null;
        }
        return new CdsArchive(cacheFolder().resolve("pool-jdk" + Runtime.version().feature() + "-" + key(classPath, jvmOptions) + ".jsa"));
    }

    /** The options for one worker: use the archive, or (worker 1, no archive yet) write it. */
    List<String> options(int workerId) {
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (workerId == 1 && Files.isWritable(archive.getParent())) {
            beingWritten = true;
            return List.of("-XX:ArchiveClassesAtExit=" + pending);
        }
        return List.of();
    }

    /** Whether a worker of this pool writes the archive when it exits (a killed worker writes nothing). */
    boolean beingWritten() {
        return beingWritten && !Files.isRegularFile(archive);
    }

    /** A worker has exited cleanly: if it wrote an archive, publish it in one atomic step. */
    void workerExited(int workerId) {
        if (workerId != 1 || !Files.isRegularFile(pending)) {
            return;
        }
        try {
            Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forgetOldArchives();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException ignored) {
                // A stray temporary file in the cache folder is harmless.
            }
        }
    }

    /**
     * Each rebuild of the kit changes the class path's dates and so the archive's name: keep the
     * most recent few (other checkouts may use them) and delete the rest, so the cache stays small.
     */
    private void forgetOldArchives() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("pool-jdk\\d+-\\p{XDigit}+\\.jsa"))
                    .sorted(Comparator.comparing(CdsArchive::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    /** True when every entry is a jar that names no further class path (as a test runner's booter jar does). */
    private static boolean onlyPlainJars(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            File file = new File(entry);
            if (file.isDirectory()) {
                return false;
            }
            if (file.isFile()) {
                try (JarFile jar = new JarFile(file)) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null) {
                        return false;
                    }
                } catch (IOException notAJar) {
                    return false;
                }
            }
        }
        return true;
    }

    Path path() {
        return archive;
    }

    private static Path cacheFolder() {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "parallel-lab", "cds");
        Path folder = Files.isWritable(Path.of(System.getProperty("user.home"))) ? home : Path.of(System.getProperty("java.io.tmpdir"), "parallel-lab-cds");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        return folder;
    }

    /** What the archive depends on: the JDK build, the class path with each jar's size and date, the options. */
    private static String key(String classPath, List<String> jvmOptions) {
        StringBuilder text = new StringBuilder(Runtime.version().toString()).append('\n').append(System.getProperty("java.home"));
        for (String entry : classPath.split(File.pathSeparator)) {
            File file = new File(entry);
            text.append('\n').append(entry).append(' ').append(file.length()).append(' ').append(file.lastModified());
        }
        text.append('\n').append(String.join(" ", jvmOptions));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
