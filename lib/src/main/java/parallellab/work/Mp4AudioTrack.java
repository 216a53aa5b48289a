package parallellab.work;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The audio track of an MP4 that also holds video: its duration, sample rate and channels.
 *
 * <p>jaudiotagger refuses any MP4 with a video track ("video files are not supported"), though its
 * tag reader reads the tags of such a file well; mutagen reads both. This walks the boxes to the
 * track whose handler is {@code soun} and reads its {@code mdhd} (time scale and duration) and its
 * first sample entry (channels, sample rate), which is all a scan reports of the header.
 */
final class Mp4AudioTrack {

    /** A moov box larger than this is not read (a real one is kilobytes; a huge one is damage). */
    private static final long MAX_MOOV = 16L << 20;

    record Info(double seconds, int sampleRate, int channels) {}

    private Mp4AudioTrack() {}

    static Optional<Info> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            long size = channel.size();
            while (at + 8 <= size) {
                ByteBuffer head = readAt(channel, at, 16);
                long boxSize = head.getInt(0) & 0xFFFFFFFFL;
                int type = head.getInt(4);
                int headerLength = 8;
                if (boxSize == 1) {
                    boxSize = head.getLong(8);
                    headerLength = 16;
                } else if (boxSize == 0) {
                    boxSize = size - at;
                }
                if (boxSize < headerLength) {
                    return Optional.empty();
                }
                if (type == fourCc("moov")) {
                    if (boxSize > MAX_MOOV || at + boxSize > size) {
                        return Optional.empty();
                    }
                    return soundTrack(readAt(channel, at + headerLength, (int) (boxSize - headerLength)));
                }
                at += boxSize;
            }
            return Optional.empty();
        }
    }

    /** Looks through the traks of {@code moov} for the first with a {@code soun} handler. */
    private static Optional<Info> soundTrack(ByteBuffer moov) {
        for (ByteBuffer trak : children(moov, "trak")) {
            for (ByteBuffer mdia : children(trak, "mdia")) {
                Optional<ByteBuffer> hdlr = children(mdia, "hdlr").stream().findFirst();
                if (hdlr.isEmpty() || hdlr.get().remaining() < 12 || hdlr.get().getInt(8) != fourCc("soun")) {
                    continue;
                }
                Optional<ByteBuffer> mdhd = children(mdia, "mdhd").stream().findFirst();
                if (mdhd.isEmpty()) {
                    continue;
                }
                ByteBuffer m = mdhd.get();
                boolean v1 = m.get(0) == 1;
                long timescale = (m.getInt(v1 ? 20 : 12) & 0xFFFFFFFFL);
                long duration = v1 ? m.getLong(24) : m.getInt(16) & 0xFFFFFFFFL;
                int rate = 0;
                int channels = 0;
                for (ByteBuffer minf : children(mdia, "minf")) {
                    for (ByteBuffer stbl : children(minf, "stbl")) {
                        for (ByteBuffer stsd : children(stbl, "stsd")) {
                            // full box (4), entry count (4), then the first sample entry: size, type,
                            // 6 reserved, data reference (2), 8 reserved, channels (2), bits (2), 4 more, rate (16.16)
                            if (stsd.remaining() >= 8 + 36) {
                                channels = stsd.getShort(8 + 24) & 0xFFFF;
                                rate = (int) ((stsd.getInt(8 + 32) & 0xFFFFFFFFL) >>> 16);
                            }
                        }
                    }
                }
                if (timescale > 0) {
                    return Optional.of(new Info((double) duration / timescale, rate != 0 ? rate : (int) timescale, channels));
                }
            }
        }
        return Optional.empty();
    }

    /** The payloads of the child boxes of {@code parent} with type {@code name}. */
    private static java.util.List<ByteBuffer> children(ByteBuffer parent, String name) {
        java.util.List<ByteBuffer> found = new java.util.ArrayList<>();
        int at = parent.position();
        int end = parent.limit();
        while (at + 8 <= end) {
            long size = parent.getInt(at) & 0xFFFFFFFFL;
            if (size < 8 || at + size > end) {
                break;
            }
            if (parent.getInt(at + 4) == fourCc(name)) {
                found.add(parent.slice(at + 8, (int) size - 8));
            }
            at += (int) size;
        }
        return found;
    }

    private static ByteBuffer readAt(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.max(0, Math.min(length, channel.size() - at)));
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new EOFException();
            }
        }
        return b.flip();
    }

    private static int fourCc(String s) {
        return s.charAt(0) << 24 | s.charAt(1) << 16 | s.charAt(2) << 8 | s.charAt(3);
    }
}
