package org.agenticdeals.internal;

import org.jooq.DSLContext;

/** The body of one facade method, run inside its transaction on the transaction's {@link DSLContext}. */
@FunctionalInterface
public interface TransactionWork<T> {

    T execute(DSLContext transaction);
}
