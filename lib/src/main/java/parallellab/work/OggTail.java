package parallellab.work;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Finds the last page of an Ogg stream with one read of the file's tail instead of one read per byte.
 *
 * <p>An Ogg file's length is the granule position (the sample count) of its last page, and a complete
 * stream marks that page "end of stream". A page is at most 65,307 bytes, so the last 64 KiB always
 * hold the start of the last page: read them in one system call, then search backwards in memory for
 * the "OggS" capture pattern.
 */
final class OggTail {

    static final int TAIL_BYTES = 65_536;

    private static final int HEADER_TYPE_POS = 5;
    private static final int END_OF_STREAM_FLAG = 0x04;
    private static final int GRANULE_POS = 6;
    private static final int FIXED_HEADER = 27;

    /** The last page's header type and granule position. */
    record LastPage(boolean endOfStream, long granulePosition) {}

    private OggTail() {}

    /** The last page whose granule position is set, or null when the tail holds no page. */
    static LastPage lastPage(RandomAccessFile raf) throws IOException {
        long length = raf.length();
        int n = (int) Math.min(length, TAIL_BYTES);
        byte[] tail = new byte[n];
        raf.seek(length - n);
        raf.readFully(tail);
        boolean lastPageSeen = false;
        boolean endOfStream = false;
        for (int i = n - FIXED_HEADER; i >= 0; i--) {
            if (tail[i] == 'O' && tail[i + 1] == 'g' && tail[i + 2] == 'g' && tail[i + 3] == 'S') {
                if (!lastPageSeen) {
                    endOfStream = (tail[i + HEADER_TYPE_POS] & END_OF_STREAM_FLAG) != 0;
                    lastPageSeen = true;
                }
                long granule = littleEndianLong(tail, i + GRANULE_POS);
                if (granule >= 0) {
                    return new LastPage(endOfStream, granule); // -1 means "no packet ends here": look further back
                }
            }
        }
        return null;
    }

    static boolean endsWithEndOfStreamPage(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            LastPage last = lastPage(raf);
            return last != null && last.endOfStream();
        }
    }

    private static long littleEndianLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
