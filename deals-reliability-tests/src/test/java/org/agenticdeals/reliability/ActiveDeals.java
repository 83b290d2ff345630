package org.agenticdeals.reliability;

import java.util.List;
import java.util.UUID;
import org.agenticdeals.testkit.TestDatabase;

/** The seeded deals a user may save, share or have analysed: active and unexpired (the seed also has removed and expired ones). */
final class ActiveDeals {

    private ActiveDeals() {
    }

    /** Their ids, in id order. */
    static List<UUID> of(TestDatabase database) {
        return database.ownerDsl()
                .fetch("select id from deals.deals where status = 'active' and (expires_at is null or expires_at > now()) order by id")
                .getValues(0, UUID.class);
    }
}
