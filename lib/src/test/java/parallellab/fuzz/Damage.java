package parallellab.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * The kinds of damage a real library's files suffer, each applied to a copy's bytes: a cut-off
 * download, a bad sector, a half-written tag, two files glued together by a broken copy tool.
 *
 * <p>Each kind is a pure function of the original bytes and a {@link Random}, so a fixed seed gives
 * the same corpus on every machine: a failure found by the fuzz test can be found again by hand.
 */
public enum Damage {
    /** The file ends somewhere after its first bytes. */
    TRUNCATED,
    /** A few bytes of the first 64 flipped: the stream header or the tag header. */
    FLIPPED_HEADER,
    /** A few bytes in the last 10% flipped. */
    FLIPPED_END,
    /** A run of zeros over some part of the file. */
    ZEROED_RANGE,
    /** The first part of this file, then the rest of another one. */
    SPLICED,
    /** Only the first few hundred bytes: the header and little else. */
    HEADER_STUB,
    /** The first part of the file, then random bytes of random length. */
    GARBAGE_TAIL;

    /** The damaged bytes of {@code original}; {@code other} is the second file for {@link #SPLICED}. */
    public byte[] apply(byte[] original, byte[] other, Random random) {
        int n = original.length;
        if (n < 2 || other.length < 2) {
            return original.clone(); // the library's empty and one-byte files are broken already
        }
        return switch (this) {
            case TRUNCATED -> Arrays.copyOf(original, 16 + random.nextInt(Math.max(1, n - 16)));
            case FLIPPED_HEADER -> flip(original, 0, Math.min(64, n), 1 + random.nextInt(4), random);
            case FLIPPED_END -> flip(original, n - n / 10, n, 1 + random.nextInt(8), random);
            case ZEROED_RANGE -> {
                byte[] b = original.clone();
                int from = random.nextInt(n);
                Arrays.fill(b, from, Math.min(n, from + 1 + random.nextInt(Math.max(1, n / 4))), (byte) 0);
                yield b;
            }
            case SPLICED -> {
                int cut = 1 + random.nextInt(n - 1);
                int from = random.nextInt(other.length);
                byte[] b = Arrays.copyOf(original, cut + other.length - from);
                System.arraycopy(other, from, b, cut, other.length - from);
                yield b;
            }
            case HEADER_STUB -> Arrays.copyOf(original, Math.min(n, 40 + random.nextInt(600)));
            case GARBAGE_TAIL -> {
                int keep = Math.min(n, 64 + random.nextInt(Math.max(1, Math.min(n, 200_000) - 64)));
                byte[] garbage = new byte[random.nextInt(300_000)];
                random.nextBytes(garbage);
                byte[] b = Arrays.copyOf(original, keep + garbage.length);
                System.arraycopy(garbage, 0, b, keep, garbage.length);
                yield b;
            }
        };
    }

    private static byte[] flip(byte[] original, int from, int to, int count, Random random) {
        byte[] b = original.clone();
        for (int i = 0; i < count && to > from; i++) {
            int at = from + random.nextInt(to - from);
            b[at] ^= (byte) (1 + random.nextInt(255));
        }
        return b;
    }
}
