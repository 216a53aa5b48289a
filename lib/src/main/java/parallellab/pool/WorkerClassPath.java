package parallellab.pool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import parallellab.kit.KitLayout;

/**
 * The class path a worker JVM gets by default: the kit and the libraries its workloads use, not the
 * caller's whole class path.
 *
 * <p>Why it matters: the first object a worker deserializes makes the JDK look for a logging service
 * ({@code System.LoggerFinder}) in every jar of its class path, and opening a jar costs time in
 * proportion to its size. A notebook kernel carries some 60 jars (tables, charts, the kernel itself)
 * that no workload needs; handing workers only the dozen they use takes a good part of their
 * start-up away, and a class path of plain jars also lets them share an AppCDS archive
 * ({@link CdsArchive}). Folders of classes (a build's {@code target/classes}, the tests' classes)
 * stay on, since they cost nothing to search. A task from any other jar needs that jar added with
 * {@link ProcessPool.Builder#addClassPathOf(Class)}.
 */
final class WorkerClassPath {

    /** One class from each jar the workloads need at run time, the kit's own included. */
    private static final List<String> ANCHORS = List.of(
            "parallellab.pool.Worker",
            "org.jaudiotagger.audio.AudioFileIO",
            "org.jflac.sound.spi.FlacAudioFileReader",
            "javazoom.spi.mpeg.sampled.file.MpegAudioFileReader",
            "javazoom.jl.decoder.Decoder",
            "org.tritonus.share.TDebug",
            "javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader",
            "com.jcraft.jorbis.Info",
            "org.jtransforms.fft.DoubleFFT_1D",
            "pl.edu.icm.jlargearrays.LargeArray",
            "org.apache.commons.math3.util.FastMath",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty");

    private WorkerClassPath() {}

    /**
     * The entries of {@code parentClassPath} a worker needs, in their order: the anchors' jars and
     * every folder; anchors found elsewhere (a test runner's class loader) are added at the end.
     */
    static String minimal(String parentClassPath) {
        Set<Path> needed = new LinkedHashSet<>();
        for (String name : ANCHORS) {
            try {
                locationOf(Class.forName(name, false, WorkerClassPath.class.getClassLoader())).ifPresent(needed::add);
            } catch (ClassNotFoundException | LinkageError absent) {
                // A library the caller left out: the workloads that use it fail per file, as they would here.
            }
        }
        List<String> kept = new ArrayList<>();
        for (String entry : parentClassPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = normalize(Path.of(entry));
            if (Files.isDirectory(path) || needed.remove(path)) {
                kept.add(entry);
            }
        }
        needed.forEach(path -> kept.add(path.toString()));
        return String.join(File.pathSeparator, kept);
    }

    /** The jar or folder a class was loaded from, when it came from a file. */
    static Optional<Path> locationOf(Class<?> type) {
        return KitLayout.codeLocation(type);
    }

    static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
