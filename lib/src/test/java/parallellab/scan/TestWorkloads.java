package parallellab.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.zip.CRC32;
import parallellab.gil.Gil;
import parallellab.work.Analysis;
import parallellab.work.FileResult;
import parallellab.work.SongData;
import parallellab.work.Workload;

/** Workloads defined for the scanner tests, independent of the real tags/analyze/external. */
public final class TestWorkloads {

    private TestWorkloads() {}

    /** Reads the file (GIL released) and checksums it (with checkpoints); an empty file fails. */
    public record Checksum() implements Workload {
        @Override
        public String name() {
            return "checksum";
        }

        @Override
        public FileResult process(Path file) {
            byte[] bytes;
            try {
                bytes = Gil.released(() -> Files.readAllBytes(file));
            } catch (IOException e) {
                return new FileResult.Failed(file, "cannot read: " + e.getMessage());
            }
            if (bytes.length == 0) {
                return new FileResult.Failed(file, "empty file");
            }
            CRC32 crc = new CRC32();
            for (int i = 0; i < bytes.length; i += 256) {
                crc.update(bytes, i, Math.min(256, bytes.length - i));
                Gil.checkpoint();
            }
            String name = file.getFileName().toString();
            String format = name.substring(name.lastIndexOf('.') + 1);
            SongData song = new SongData(format, Long.toHexString(crc.getValue()), "", "", 0, 0, "", 0, 0, 0, 0, bytes.length);
            return new FileResult.Ok(file, song, Analysis.NONE);
        }
    }

    /** Throws for files whose name contains {@code bomb}; checksums the rest. */
    /** Every file makes the workload fail with an Error a library can throw: a class that cannot load. */
    record ClassMissing() implements Workload {
        @Override
        public String name() {
            return "class-missing";
        }

        @Override
        public FileResult process(Path file) {
            throw new NoClassDefFoundError("org/example/Codec (its jar was replaced under the running JVM)");
        }
    }

    record Throwing(String bomb) implements Workload {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public FileResult process(Path file) {
            if (file.getFileName().toString().contains(bomb)) {
                throw new IllegalStateException("boom on " + file.getFileName());
            }
            return new Checksum().process(file);
        }
    }

    /** Sleeps on every file (interruptibly) and remembers which threads ran it. */
    static final class Slow implements Workload {
        final CountDownLatch started = new CountDownLatch(1);
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final Duration sleep;

        Slow(Duration sleep) {
            this.sleep = sleep;
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public FileResult process(Path file) {
            threads.add(Thread.currentThread());
            started.countDown();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FileResult.Failed(file, "interrupted");
            }
            return new FileResult.Failed(file, "slept");
        }
    }

    /** Checksums, and remembers which threads ran it. */
    static final class Recording implements Workload {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public FileResult process(Path file) {
            threads.add(Thread.currentThread());
            return new Checksum().process(file);
        }
    }
}
