package org.agenticdeals.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, a 12-bit counter, then 62 random bits.
 *
 * <p>Ids made one after the other sort in the order they were made (RFC 9562 §6.2, method 1: the counter
 * orders the ids of one millisecond; when it runs out, the timestamp moves on by one). That is what makes
 * them cheap keys: a batch's new rows go to the right-hand edge of every index on the id, instead of to a
 * random leaf page each (decisions.md D51). The random part comes from a {@link SecureRandom}, so ids stay
 * unguessable apart from their creation time, which they reveal to the millisecond.
 *
 * <p>Thread-safe.
 */
public final class TimeOrderedIds implements Supplier<UUID> {

    private static final int COUNTER_BITS = 12;
    private static final long MAX_COUNTER = (1L << COUNTER_BITS) - 1;

    private final LongSupplier millis;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private long counter;

    /** Ids stamped with the system's wall-clock time. */
    public TimeOrderedIds() {
        this(System::currentTimeMillis);
    }

    /** Ids stamped with {@code millis}' readings (for tests). */
    TimeOrderedIds(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public UUID get() {
        long stamp;
        long sequence;
        synchronized (this) {
            long now = millis.getAsLong();
            if (now > lastMillis) {
                lastMillis = now;
                counter = 0;
            } else if (counter < MAX_COUNTER) {
                counter++;
            } else {
                // The counter ran out (or the clock went back): run a millisecond ahead rather than out of order.
                lastMillis++;
                counter = 0;
            }
            stamp = lastMillis;
            sequence = counter;
        }
        long mostSignificant = (stamp & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
