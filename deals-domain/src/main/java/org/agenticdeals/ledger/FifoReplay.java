package org.agenticdeals.ledger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which tokens of which credit are still unspent, by replaying a user's ledger in order: credits join a queue;
 * debits take from the oldest credits first; an expiration takes exactly the amounts it names from the credits
 * it names. Pure; the expiry job feeds it one user's entries.
 */
final class FifoReplay {

    /** One ledger row as the replay needs it; {@code expiredCredits} is set for expirations only. */
    record Entry(UUID transactionId, TransactionType type, int amount, Map<UUID, Integer> expiredCredits) {
    }

    private FifoReplay() {
    }

    /** The unspent tokens of every credit after {@code entries} (in ledger order). */
    static Map<UUID, Integer> remaining(List<Entry> entries) {
        var remaining = new LinkedHashMap<UUID, Integer>();
        Deque<UUID> oldestFirst = new ArrayDeque<>();
        for (Entry entry : entries) {
            if (entry.amount() > 0) {
                remaining.put(entry.transactionId(), entry.amount());
                oldestFirst.addLast(entry.transactionId());
            } else if (entry.type() == TransactionType.EXPIRATION && entry.expiredCredits() != null) {
                entry.expiredCredits().forEach((credit, taken) -> remaining.computeIfPresent(credit, (id, left) -> Math.max(0, left - taken)));
                oldestFirst.removeIf(credit -> remaining.get(credit) == 0);
            } else {
                int toTake = -entry.amount();
                while (toTake > 0 && !oldestFirst.isEmpty()) {
                    UUID oldest = oldestFirst.peekFirst();
                    int left = remaining.get(oldest);
                    int taken = Math.min(left, toTake);
                    remaining.put(oldest, left - taken);
                    toTake -= taken;
                    if (left - taken == 0) {
                        oldestFirst.removeFirst();
                    }
                }
            }
        }
        return remaining;
    }
}
