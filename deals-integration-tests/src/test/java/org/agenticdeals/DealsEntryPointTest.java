package org.agenticdeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.agenticdeals.users.Registration;
import org.agenticdeals.users.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DealsEntryPointTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void inTransactionCommitsAllCallsOrNone(Deals deals, TestDatabase test) {
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.useTransaction(tx -> {
            tx.users().register(new Registration("first@example.com", "walnut-compass-river", null));
            tx.users().register(new Registration("alice@example.com", "walnut-compass-river", null));
        })).isInstanceOf(ConflictException.class);

        assertThat(RowCounts.of(test)).isEqualTo(before);
        assertThat(deals.users().findByEmail("first@example.com")).isEmpty();
    }

    @Test
    void aRefusalCaughtInsideInTransactionRollsBackOnlyItsSavepoint(Deals deals) {
        User kept = deals.inTransaction(tx -> {
            User first = tx.users().register(new Registration("kept@example.com", "walnut-compass-river", null)).user();
            try {
                tx.users().register(new Registration("ALICE@example.com", "walnut-compass-river", null));
            } catch (ConflictException expected) {
                // the duplicate's savepoint is rolled back; the transaction goes on
            }
            tx.preferences().update(first.id(), current -> current.withMinDiscountPercentage(30));
            return first;
        });

        assertThat(deals.users().findById(kept.id())).isPresent();
        assertThat(deals.preferences().get(kept.id()).minDiscountPercentage()).isEqualTo(30);
    }

    @Test
    void aDeadlockIsRetriedAndBothTransactionsTakeEffect(Deals deals, SeedData seed) throws Exception {
        UUID alice = seed.user("alice@example.com").id();
        UUID bob = seed.user("bob@example.com").id();
        deals.preferences().update(alice, current -> current.withMinDiscountPercentage(0));
        deals.preferences().update(bob, current -> current.withMinDiscountPercentage(0));
        var bothHoldTheirFirstLock = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (List<UUID> order : List.of(List.of(alice, bob), List.of(bob, alice))) {
                attempts.add(threads.submit(() -> {
                    var tries = new AtomicInteger();
                    deals.useTransaction(tx -> {
                        tx.preferences().update(order.get(0), current -> current.withMinDiscountPercentage(current.minDiscountPercentage() + 1));
                        if (tries.incrementAndGet() == 1) {
                            await(bothHoldTheirFirstLock);
                        }
                        tx.preferences().update(order.get(1), current -> current.withMinDiscountPercentage(current.minDiscountPercentage() + 1));
                    });
                    return tries.get();
                }));
            }
            var tries = new ArrayList<Integer>();
            for (Future<Integer> attempt : attempts) {
                tries.add(attempt.get(30, TimeUnit.SECONDS));
            }
            assertThat(tries).as("one transaction was the deadlock's victim and ran again").containsExactlyInAnyOrder(1, 2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(deals.preferences().get(alice).minDiscountPercentage()).isEqualTo(2);
        assertThat(deals.preferences().get(bob).minDiscountPercentage()).isEqualTo(2);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Test
    void createRefusesASchemaThatIsNotMigrated() {
        try (PostgresDatabase empty = DealsTestkit.shared().server().createDatabase("unmigrated")) {
            DealsConfig config = DealsConfig.builder().dataSource(empty.ownerDataSource()).build();

            assertThatThrownBy(() -> Deals.create(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run DealsSchema.migrate() first");
        }
    }

    @Test
    void configurationIsValidatedWhenBuilt(TestDatabase test) {
        DealsConfig.Builder builder = DealsConfig.builder().dataSource(test.dataSource());

        assertThatThrownBy(() -> builder.bcryptCost(3).build()).hasMessage("bcryptCost must be between 4 and 31, was 3");
        assertThatThrownBy(() -> DealsConfig.builder().build()).hasMessage("dataSource is required");
        assertThatThrownBy(() -> DealsConfig.builder().dataSource(test.dataSource()).schema("Deals").build())
                .hasMessageContaining("schema must be a lower-case SQL identifier");
        assertThatThrownBy(() -> DealsConfig.builder().dataSource(test.dataSource()).lockTimeout(java.time.Duration.ZERO).build())
                .hasMessage("lockTimeout must be > 0, was PT0S");
        assertThatThrownBy(() -> DealsConfig.builder().dataSource(test.dataSource()).matchingParallelism(17).build())
                .hasMessage("matchingParallelism must be between 1 and 16, was 17");
        assertThat(DealsConfig.builder().dataSource(test.dataSource()).build().matchingParallelism()).isEqualTo(2);
        assertThat(DealsConfig.builder().dataSource(test.dataSource()).matchingParallelism(16).build().toBuilder().build().matchingParallelism())
                .isEqualTo(16);
    }
}
