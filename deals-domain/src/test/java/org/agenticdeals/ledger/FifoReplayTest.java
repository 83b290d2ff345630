package org.agenticdeals.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FifoReplayTest {

    private final UUID bonus = UUID.randomUUID();
    private final UUID purchase = UUID.randomUUID();
    private final UUID code = UUID.randomUUID();

    @Test
    void debitsConsumeTheOldestCreditFirst() {
        Map<UUID, Integer> remaining = FifoReplay.remaining(List.of(
                credit(bonus, 50), credit(purchase, 100), debit(70)));

        assertThat(remaining).containsEntry(bonus, 0).containsEntry(purchase, 80);
    }

    @Test
    void aCreditGrantedAfterADebitIsUntouchedByIt() {
        Map<UUID, Integer> remaining = FifoReplay.remaining(List.of(
                credit(purchase, 100), debit(30), credit(bonus, 50), debit(80)));

        assertThat(remaining).containsEntry(purchase, 0).containsEntry(bonus, 40);
    }

    @Test
    void anExpirationTakesExactlyWhatItNames() {
        Map<UUID, Integer> remaining = FifoReplay.remaining(List.of(
                credit(bonus, 50), credit(code, 20), credit(purchase, 100),
                new FifoReplay.Entry(UUID.randomUUID(), TransactionType.EXPIRATION, -50, Map.of(bonus, 50)),
                debit(30)));

        assertThat(remaining).containsEntry(bonus, 0).containsEntry(code, 0).containsEntry(purchase, 90);
    }

    @Test
    void moreDebitsThanCreditsTakeEverythingAndNoMore() {
        assertThat(FifoReplay.remaining(List.of(credit(bonus, 10), debit(25)))).containsEntry(bonus, 0);
    }

    private static FifoReplay.Entry credit(UUID id, int amount) {
        return new FifoReplay.Entry(id, TransactionType.SIGNUP_BONUS, amount, null);
    }

    private static FifoReplay.Entry debit(int amount) {
        return new FifoReplay.Entry(UUID.randomUUID(), TransactionType.AI_USAGE, -amount, null);
    }
}
