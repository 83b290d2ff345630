package org.agenticdeals.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.agenticdeals.DealsConfig;

/** What every facade needs: the transactions, the configuration, the clock and the id generator. */
public record ServiceContext(Transactions transactions, DealsConfig config) {

    /** The configured clock's present, as PostgreSQL's {@code timestamptz} maps it. */
    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(config.clock().instant(), ZoneOffset.UTC);
    }

    public Instant instant() {
        return config.clock().instant();
    }

    public UUID newId() {
        return config.idGenerator().get();
    }

    /** The same context, its transactions bound to an enclosing transaction. */
    public ServiceContext within(org.jooq.Configuration transaction) {
        return new ServiceContext(transactions.boundTo(transaction), config);
    }
}
