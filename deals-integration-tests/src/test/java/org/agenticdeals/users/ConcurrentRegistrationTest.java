package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two registrations of one address in different letter cases, started together: exactly one wins. */
class ConcurrentRegistrationTest {

    private static final int RACES = 20;

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty();

    @Test
    void exactlyOneOfTwoRacingRegistrationsWins(Deals deals, TestDatabase test) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int race = 0; race < RACES; race++) {
                String local = "racer" + race;
                var barrier = new CyclicBarrier(2);
                List<Callable<String>> contenders = new ArrayList<>();
                for (String email : List.of(local + "@example.com", local.toUpperCase() + "@EXAMPLE.com")) {
                    contenders.add(() -> {
                        barrier.await();
                        try {
                            deals.users().register(new Registration(email, "copper-kettle-morning", null));
                            return "won";
                        } catch (ConflictException lost) {
                            return "conflict on " + lost.field();
                        }
                    });
                }
                var outcomes = new ArrayList<String>();
                for (Future<String> outcome : threads.invokeAll(contenders)) {
                    outcomes.add(outcome.get());
                }
                assertThat(outcomes).containsExactlyInAnyOrder("won", "conflict on email");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(((Number) test.ownerDsl().fetchValue("SELECT count(*) FROM deals.users")).longValue()).isEqualTo(RACES);
        assertThat(((Number) test.ownerDsl().fetchValue("SELECT count(*) FROM deals.user_preferences")).longValue()).isEqualTo(RACES);
    }
}
