package org.agenticdeals.testkit;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic ids and random streams: the same (seed, kind, index) always gives the same values. */
final class Ids {

    private Ids() {
    }

    /** A version-4-shaped UUID derived from the seed, the kind of row and its index. */
    static UUID uuid(long seed, String kind, long index) {
        SplittableRandom random = random(seed, kind, index);
        long most = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    /** A random stream of its own for one row, so rows do not depend on the order they are generated in. */
    static SplittableRandom random(long seed, String kind, long index) {
        long kindHash = 1125899906842597L;
        for (byte character : kind.getBytes(StandardCharsets.UTF_8)) {
            kindHash = 31 * kindHash + character;
        }
        return new SplittableRandom(mix(seed ^ mix(kindHash) ^ mix(index * 0x9E3779B97F4A7C15L)));
    }

    /** The finalizer of SplitMix64: spreads every input bit over the output. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
