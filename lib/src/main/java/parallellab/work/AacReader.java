package parallellab.work;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw AAC files ({@code .aac}): the stream header of an ADIF or an ADTS stream. Such files hold no
 * tags, so the song has only a format, a duration, a sample rate and channels.
 *
 * <p>jaudiotagger has no reader for raw AAC; mutagen has. An ADIF file has one header, with the bit
 * rate, and its duration is the bytes after the header at that rate, as mutagen computes it. An ADTS
 * file is a run of frames with a 7-byte header each: we walk the headers (skipping the payloads) and
 * count 1024 samples a frame.
 */
final class AacReader {

    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    private AacReader() {}

    /** True when the first bytes are an ADIF header or an ADTS frame header (sync 0xFFF, layer 0). */
    static boolean isAac(byte[] head, int length) {
        if (length >= 4 && head[0] == 'A' && head[1] == 'D' && head[2] == 'I' && head[3] == 'F') {
            return true;
        }
        return length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0;
    }

    /** Files larger than this are read in part, and an ADTS duration is scaled up from that part. */
    private static final int MAX_READ = 32 << 20;

    static SongData read(Path file) throws IOException, TagReader.TruncatedAudioException {
        byte[] bytes;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, MAX_READ));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // fill
            }
            bytes = buffer.array();
        }
        SongData song = bytes.length >= 4 && bytes[0] == 'A' && bytes[1] == 'D' ? adif(bytes, size) : adts(bytes, size);
        if (song.durationSeconds() <= 0) {
            throw new TagReader.TruncatedAudioException("no audio data after the header");
        }
        return new SongData("aac", "", "", "", 0, 0, "", song.durationSeconds(), song.sampleRate(), song.channels(), song.bitrateKbps(), size);
    }

    private static SongData adif(byte[] b, long size) throws IOException {
        Bits r = new Bits(b, 32);
        if (r.bits(1) == 1) {
            r.skip(72); // copyright id
        }
        r.skip(2); // original copy, home
        int constantRate = r.bits(1) == 0 ? 1 : 0;
        long bitrate = r.bits(23);
        int configs = r.bits(4) + 1;
        int rate = 0;
        int channels = 0;
        for (int i = 0; i < configs; i++) {
            if (constantRate == 1) {
                r.skip(20); // buffer fullness
            }
            r.skip(4 + 2); // element tag, object type
            int rateIndex = r.bits(4);
            int front = r.bits(4);
            int side = r.bits(4);
            int back = r.bits(4);
            int lfe = r.bits(2);
            int assoc = r.bits(3);
            int cc = r.bits(4);
            for (int flag = 0; flag < 3; flag++) {
                if (r.bits(1) == 1) {
                    r.skip(flag == 2 ? 3 : 4);
                }
            }
            int ch = 0;
            for (int e = 0; e < front + side + back; e++) {
                ch += r.bits(1) == 1 ? 2 : 1;
                r.skip(4);
            }
            ch += lfe;
            r.skip(lfe * 4 + assoc * 4 + cc * 5);
            r.align();
            r.skip(8 * r.bits(8)); // comment
            if (i == 0) {
                rate = rateIndex < RATES.length ? RATES[rateIndex] : 0;
                channels = ch;
            }
        }
        r.align();
        long audioBytes = size - r.position() / 8;
        double seconds = bitrate == 0 ? 0 : 8.0 * audioBytes / bitrate;
        return new SongData("aac", "", "", "", 0, 0, "", seconds, rate, channels, (int) (bitrate / 1000), b.length);
    }

    private static SongData adts(byte[] b, long size) {
        int at = 0;
        long frames = 0;
        int rate = 0;
        int channels = 0;
        while (at + 7 <= b.length && (b[at] & 0xFF) == 0xFF && (b[at + 1] & 0xF6) == 0xF0) {
            int rateIndex = (b[at + 2] & 0x3C) >> 2;
            int ch = (b[at + 2] & 0x01) << 2 | (b[at + 3] & 0xC0) >> 6;
            int length = (b[at + 3] & 0x03) << 11 | (b[at + 4] & 0xFF) << 3 | (b[at + 5] & 0xE0) >> 5;
            int blocks = (b[at + 6] & 0x03) + 1;
            if (length < 7 || rateIndex >= RATES.length) {
                break;
            }
            if (frames == 0) {
                rate = RATES[rateIndex];
                channels = ch;
            }
            frames += blocks;
            at += length;
        }
        double seconds = rate == 0 ? 0 : frames * 1024.0 / rate * ((double) size / b.length);
        int kbps = seconds == 0 ? 0 : (int) (at * 8 / seconds / 1000);
        return new SongData("aac", "", "", "", 0, 0, "", seconds, rate, channels, kbps, b.length);
    }

    /** Reads bits, most significant first, from a byte array. */
    private static final class Bits {
        private final byte[] b;
        private long bit;

        Bits(byte[] b, long startBit) {
            this.b = b;
            this.bit = startBit;
        }

        int bits(int n) throws EOFException {
            int v = 0;
            for (int i = 0; i < n; i++, bit++) {
                if (bit / 8 >= b.length) {
                    throw new EOFException();
                }
                v = v << 1 | (b[(int) (bit / 8)] >> (7 - (int) (bit % 8)) & 1);
            }
            return v;
        }

        void skip(long n) throws EOFException {
            bit += n;
            if (bit / 8 > b.length) {
                throw new EOFException();
            }
        }

        void align() {
            bit = (bit + 7) / 8 * 8;
        }

        long position() {
            return bit;
        }
    }
}
