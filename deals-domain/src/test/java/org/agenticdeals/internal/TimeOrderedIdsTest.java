package org.agenticdeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    /** PostgreSQL orders uuids by their bytes, unsigned; {@link UUID#compareTo} compares signed longs. */
    private static final Comparator<UUID> POSTGRES_ORDER = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    @Test
    void anIdIsVersionSevenOfTheRfcVariantAndCarriesItsMillisecond() {
        long millis = 1_795_000_000_123L;
        UUID id = new TimeOrderedIds(() -> millis).get();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void idsSortInTheOrderTheyWereMadeWithinOneMillisecondAcrossManyAndWhenTheCounterRunsOut() {
        var clock = new AtomicLong(1_795_000_000_000L);
        var ids = new TimeOrderedIds(clock::get);
        var made = new ArrayList<UUID>();
        for (int index = 0; index < 20_000; index++) {
            made.add(ids.get());
            if (index % 7_000 == 6_999) {
                clock.incrementAndGet();
            }
        }

        assertThat(made).isSortedAccordingTo(POSTGRES_ORDER);
        assertThat(new HashSet<>(made)).hasSize(made.size());
    }

    @Test
    void aClockThatGoesBackDoesNotBreakTheOrder() {
        var clock = new AtomicLong(1_795_000_000_500L);
        var ids = new TimeOrderedIds(clock::get);
        UUID before = ids.get();
        clock.set(1_795_000_000_000L);

        UUID after = ids.get();

        assertThat(POSTGRES_ORDER.compare(before, after)).isNegative();
    }

    @Test
    void idsMadeOnManyThreadsAreDistinctAndTheirRandomPartsDiffer() throws InterruptedException {
        var ids = new TimeOrderedIds();
        var made = new ConcurrentLinkedQueue<UUID>();
        List<Thread> threads = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            Thread worker = new Thread(() -> {
                for (int index = 0; index < 5_000; index++) {
                    made.add(ids.get());
                }
            });
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(new HashSet<>(made)).hasSize(40_000);
        assertThat(made.stream().map(UUID::getLeastSignificantBits).distinct().count()).isEqualTo(40_000);
    }
}
