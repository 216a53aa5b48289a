package parallellab.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import parallellab.testing.Manifest;

/**
 * Reading tags in several threads at once gives exactly what one thread gives. jaudiotagger parses every
 * mp3 frame header into one static byte array, so without {@link TunedMp3Reader#MPEG_HEADER_LOCK} threads
 * overwrite each other's header (a stereo file read as mono, its duration off). Many threads read the
 * bundled mp3s in shuffled orders, round after round, and every result must equal the sequential one.
 */
class TagsThreadSafetyTest {

    private static final int THREADS = 6;
    private static final int ROUNDS = 15;

    @Test
    void threadsReadTheSameTagsAsOneThread() throws Exception {
        check(new TagsWorkload());
    }

    @Test
    void jaudiotaggerAsIsToo() throws Exception {
        check(TagsWorkload.jaudiotaggerAsIs());
    }

    private static void check(TagsWorkload tags) throws Exception {
        Manifest manifest = Manifest.require();
        List<Path> mp3s = manifest.rows().stream().filter(r -> r.format().equals("mp3")).map(manifest::fileOf).toList();
        assertThat(mp3s).hasSizeGreaterThan(10);
        Map<Path, FileResult> expected = mp3s.stream().collect(Collectors.toMap(Function.identity(), tags::process));
        Map<Path, FileResult> wrong = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Path> order = new ArrayList<>(mp3s);
                Random random = new Random(t);
                running.add(threads.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        Collections.shuffle(order, random);
                        for (Path file : order) {
                            FileResult result = tags.process(file);
                            if (!result.equals(expected.get(file))) {
                                wrong.put(file, result);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(wrong).as("files read differently by concurrent threads").isEmpty();
    }
}
