package org.agenticdeals.ledger;

import static org.agenticdeals.jooq.Tables.TOKEN_CODE_REDEMPTIONS;
import static org.agenticdeals.jooq.Tables.TOKEN_EXPIRING_CREDITS;
import static org.agenticdeals.jooq.Tables.TOKEN_PACKAGES;
import static org.agenticdeals.jooq.Tables.TOKEN_REDEMPTION_CODES;
import static org.agenticdeals.jooq.Tables.TOKEN_TRANSACTIONS;
import static org.agenticdeals.jooq.Tables.TOKEN_TRANSACTION_KEYS;
import static org.agenticdeals.jooq.Tables.USER_TOKEN_BALANCES;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.Transactions.ContextStatement;
import org.agenticdeals.jooq.enums.TokenTransactionType;
import org.agenticdeals.jooq.tables.records.TokenExpiringCreditsRecord;
import org.agenticdeals.jooq.tables.records.TokenPackagesRecord;
import org.agenticdeals.jooq.tables.records.TokenRedemptionCodesRecord;
import org.agenticdeals.jooq.tables.records.TokenTransactionsRecord;
import org.agenticdeals.jooq.tables.records.UserTokenBalancesRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * The ledger's SQL. Movements are single statements (data-modifying CTEs): the idempotency key, the balance
 * row and the transaction row are written together, and the balance row's lock orders concurrent movements.
 */
final class LedgerQueries {

    /** One token movement of one user. */
    record Movement(UUID userId, TransactionType type, int amount, String description, String metadata, UUID referenceId,
                    UUID transactionId, OffsetDateTime createdAt, String idempotencyKey) {
    }

    /** What a movement statement did. */
    enum Outcome { APPLIED, KEY_EXISTS, REFUSED }

    record MoveResult(Outcome outcome, int balanceAfter) {
    }

    private final String moveWithKey;
    private final String moveWithoutKey;
    private final String reconcile;

    LedgerQueries(String schema) {
        String balances = schema + ".user_token_balances";
        String transactions = schema + ".token_transactions";
        String update = "update " + balances
                + " set balance = balance + ?, lifetime_earned = lifetime_earned + ?, lifetime_spent = lifetime_spent + ?, version = version + 1"
                + " where user_id = ? and balance + ? >= 0";
        String insert = "insert into " + transactions
                + " (id, user_id, transaction_type, amount, balance_after, sequence, description, metadata, created_at, reference_id)"
                + " select ?, ?, ?::" + schema + ".token_transaction_type, ?, b.balance, b.version, ?, ?::jsonb, ?, ? from b returning 1";
        this.moveWithKey = "with k as (insert into " + schema + ".token_transaction_keys"
                + " (idempotency_key, user_id, transaction_id, transaction_created_at) values (?, ?, ?, ?) on conflict do nothing returning 1),"
                + " b as (" + update + " and exists (select 1 from k) returning balance, version),"
                + " t as (" + insert + ")"
                + " select (select count(*) from k), (select balance from b)";
        this.moveWithoutKey = "with b as (" + update + " returning balance, version),"
                + " t as (" + insert + ")"
                + " select 1, (select balance from b)";
        this.reconcile = """
                with sums as (
                    select user_id, sum(amount) as total, coalesce(sum(amount) filter (where amount > 0), 0) as credits,
                           coalesce(-sum(amount) filter (where amount < 0), 0) as debits
                    from %1$s.token_transactions group by user_id),
                chain as (
                    select user_id, count(*) filter (where running <> balance_after) as breaks
                    from (select user_id, balance_after,
                                 sum(amount) over (partition by user_id order by coalesce(sequence, 0), created_at, id) as running
                          from %1$s.token_transactions) ordered
                    group by user_id)
                select b.user_id, b.balance, b.lifetime_earned, b.lifetime_spent, coalesce(s.total, 0), coalesce(s.credits, 0),
                       coalesce(s.debits, 0), coalesce(c.breaks, 0)
                from %1$s.user_token_balances b
                left join sums s on s.user_id = b.user_id
                left join chain c on c.user_id = b.user_id
                """.formatted(schema);
    }

    /**
     * Moves tokens, claiming the movement's idempotency key in the same statement; with {@code context}, the
     * security context is set in the same round trip too.
     */
    MoveResult move(DSLContext tx, ContextStatement context, Movement movement) {
        return tx.connectionResult(connection -> execute(connection, context, moveWithKey, movement, true));
    }

    /** Moves tokens whose idempotency key the caller claimed already (or that need none). */
    MoveResult moveClaimed(DSLContext tx, Movement movement) {
        return tx.connectionResult(connection -> execute(connection, null, moveWithoutKey, movement, false));
    }

    private static MoveResult execute(Connection connection, ContextStatement context, String sql, Movement movement, boolean withKey)
            throws SQLException {
        String statementSql = context == null ? sql : context.sql() + ";\n" + sql;
        try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
            int index = 1;
            if (context != null) {
                for (String parameter : context.parameters()) {
                    statement.setString(index++, parameter);
                }
            }
            if (withKey) {
                statement.setString(index++, movement.idempotencyKey());
                statement.setObject(index++, movement.userId());
                statement.setObject(index++, movement.transactionId());
                statement.setObject(index++, movement.createdAt());
            }
            int amount = movement.amount();
            statement.setInt(index++, amount);
            statement.setInt(index++, Math.max(amount, 0));
            statement.setInt(index++, Math.max(-amount, 0));
            statement.setObject(index++, movement.userId());
            statement.setInt(index++, amount);
            statement.setObject(index++, movement.transactionId());
            statement.setObject(index++, movement.userId());
            statement.setString(index++, movement.type().name().toLowerCase(Locale.ROOT));
            statement.setInt(index++, amount);
            statement.setString(index++, movement.description());
            statement.setString(index++, movement.metadata());
            statement.setObject(index++, movement.createdAt());
            statement.setObject(index, movement.referenceId());
            statement.execute();
            if (context != null) {
                statement.getMoreResults();
            }
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                if (row.getInt(1) == 0) {
                    return new MoveResult(Outcome.KEY_EXISTS, 0);
                }
                int balance = row.getInt(2);
                return row.wasNull() ? new MoveResult(Outcome.REFUSED, 0) : new MoveResult(Outcome.APPLIED, balance);
            }
        }
    }

    /** Claims an idempotency key for a transaction to come; false if the key exists (the caller replays it). */
    static boolean claimKey(DSLContext tx, String key, UUID userId, UUID transactionId, OffsetDateTime createdAt) {
        return tx.insertInto(TOKEN_TRANSACTION_KEYS)
                .set(TOKEN_TRANSACTION_KEYS.IDEMPOTENCY_KEY, key)
                .set(TOKEN_TRANSACTION_KEYS.USER_ID, userId)
                .set(TOKEN_TRANSACTION_KEYS.TRANSACTION_ID, transactionId)
                .set(TOKEN_TRANSACTION_KEYS.TRANSACTION_CREATED_AT, createdAt)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** The transaction an idempotency key points to, if the key exists and is visible in the current context. */
    static Optional<TokenTransactionsRecord> byKey(DSLContext tx, String key) {
        return tx.select(TOKEN_TRANSACTIONS.fields())
                .from(TOKEN_TRANSACTION_KEYS)
                .join(TOKEN_TRANSACTIONS).on(TOKEN_TRANSACTIONS.ID.eq(TOKEN_TRANSACTION_KEYS.TRANSACTION_ID)
                        .and(TOKEN_TRANSACTIONS.CREATED_AT.eq(TOKEN_TRANSACTION_KEYS.TRANSACTION_CREATED_AT)))
                .where(TOKEN_TRANSACTION_KEYS.IDEMPOTENCY_KEY.eq(key))
                .fetchOptionalInto(TOKEN_TRANSACTIONS);
    }

    static Optional<TokenTransactionsRecord> transaction(DSLContext tx, UUID id) {
        return tx.selectFrom(TOKEN_TRANSACTIONS).where(TOKEN_TRANSACTIONS.ID.eq(id)).fetchOptional();
    }

    static Optional<UserTokenBalancesRecord> balance(DSLContext tx, UUID userId) {
        return tx.selectFrom(USER_TOKEN_BALANCES).where(USER_TOKEN_BALANCES.USER_ID.eq(userId)).fetchOptional();
    }

    /** Locks the balance rows of these users, in id order so two multi-user movements cannot deadlock. */
    static List<UUID> lockBalances(DSLContext tx, Collection<UUID> userIds) {
        return tx.select(USER_TOKEN_BALANCES.USER_ID).from(USER_TOKEN_BALANCES)
                .where(USER_TOKEN_BALANCES.USER_ID.in(userIds))
                .orderBy(USER_TOKEN_BALANCES.USER_ID)
                .forUpdate()
                .fetch(USER_TOKEN_BALANCES.USER_ID);
    }

    static Optional<TokenPackagesRecord> tokenPackage(DSLContext tx, UUID packageId) {
        return tx.selectFrom(TOKEN_PACKAGES).where(TOKEN_PACKAGES.ID.eq(packageId)).fetchOptional();
    }

    /** Takes one redemption of an active, unexpired, not exhausted code, or nothing. */
    static Optional<TokenRedemptionCodesRecord> takeRedemption(DSLContext tx, String code, OffsetDateTime now) {
        return tx.update(TOKEN_REDEMPTION_CODES)
                .set(TOKEN_REDEMPTION_CODES.REDEMPTIONS_COUNT, TOKEN_REDEMPTION_CODES.REDEMPTIONS_COUNT.plus(1))
                .where(TOKEN_REDEMPTION_CODES.CODE.eq(code)
                        .and(TOKEN_REDEMPTION_CODES.IS_ACTIVE)
                        .and(TOKEN_REDEMPTION_CODES.EXPIRES_AT.isNull().or(TOKEN_REDEMPTION_CODES.EXPIRES_AT.gt(now)))
                        .and(TOKEN_REDEMPTION_CODES.REDEMPTIONS_COUNT.lt(TOKEN_REDEMPTION_CODES.MAX_REDEMPTIONS)))
                .returning()
                .fetchOptional();
    }

    static TokenRedemptionCodesRecord insertCode(DSLContext tx, UUID id, String code, int tokenAmount, int maxRedemptions,
                                                 OffsetDateTime expiresAt, UUID createdBy, OffsetDateTime now) {
        return tx.insertInto(TOKEN_REDEMPTION_CODES)
                .set(TOKEN_REDEMPTION_CODES.ID, id)
                .set(TOKEN_REDEMPTION_CODES.CODE, code)
                .set(TOKEN_REDEMPTION_CODES.TOKEN_AMOUNT, tokenAmount)
                .set(TOKEN_REDEMPTION_CODES.MAX_REDEMPTIONS, maxRedemptions)
                .set(TOKEN_REDEMPTION_CODES.EXPIRES_AT, expiresAt)
                .set(TOKEN_REDEMPTION_CODES.CREATED_BY, createdBy)
                .set(TOKEN_REDEMPTION_CODES.CREATED_AT, now)
                .returning()
                .fetchOne();
    }

    static Optional<TokenRedemptionCodesRecord> deactivateCode(DSLContext tx, UUID codeId) {
        return tx.update(TOKEN_REDEMPTION_CODES)
                .set(TOKEN_REDEMPTION_CODES.IS_ACTIVE, false)
                .where(TOKEN_REDEMPTION_CODES.ID.eq(codeId))
                .returning()
                .fetchOptional();
    }

    static Optional<TokenRedemptionCodesRecord> code(DSLContext tx, String code) {
        return tx.selectFrom(TOKEN_REDEMPTION_CODES).where(TOKEN_REDEMPTION_CODES.CODE.eq(code)).fetchOptional();
    }

    static Optional<TokenRedemptionCodesRecord> codeById(DSLContext tx, UUID id) {
        return tx.selectFrom(TOKEN_REDEMPTION_CODES).where(TOKEN_REDEMPTION_CODES.ID.eq(id)).fetchOptional();
    }

    /** Records that the user redeemed the code; false if they had before. */
    static boolean recordRedemption(DSLContext tx, UUID codeId, UUID userId, UUID transactionId, OffsetDateTime now) {
        return tx.insertInto(TOKEN_CODE_REDEMPTIONS)
                .set(TOKEN_CODE_REDEMPTIONS.CODE_ID, codeId)
                .set(TOKEN_CODE_REDEMPTIONS.USER_ID, userId)
                .set(TOKEN_CODE_REDEMPTIONS.TRANSACTION_ID, transactionId)
                .set(TOKEN_CODE_REDEMPTIONS.REDEEMED_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    static void recordExpiringCredit(DSLContext tx, UUID userId, UUID transactionId, TransactionType type, int amount,
                                     OffsetDateTime grantedAt, OffsetDateTime expiresAt) {
        tx.insertInto(TOKEN_EXPIRING_CREDITS)
                .set(TOKEN_EXPIRING_CREDITS.TRANSACTION_ID, transactionId)
                .set(TOKEN_EXPIRING_CREDITS.USER_ID, userId)
                .set(TOKEN_EXPIRING_CREDITS.TRANSACTION_TYPE, TokenTransactionType.valueOf(type.name()))
                .set(TOKEN_EXPIRING_CREDITS.AMOUNT, amount)
                .set(TOKEN_EXPIRING_CREDITS.GRANTED_AT, grantedAt)
                .set(TOKEN_EXPIRING_CREDITS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** Tokens refunded so far against a charge. */
    static int refunded(DSLContext tx, UUID userId, UUID chargeId) {
        Integer sum = tx.select(DSL.sum(TOKEN_TRANSACTIONS.AMOUNT).cast(Integer.class))
                .from(TOKEN_TRANSACTIONS)
                .where(TOKEN_TRANSACTIONS.USER_ID.eq(userId)
                        .and(TOKEN_TRANSACTIONS.REFERENCE_ID.eq(chargeId))
                        .and(TOKEN_TRANSACTIONS.TRANSACTION_TYPE.eq(TokenTransactionType.REFUND)))
                .fetchOne(0, Integer.class);
        return sum == null ? 0 : sum;
    }

    /** Users with credits due to expire, at most {@code limit}. */
    static List<UUID> usersWithDueCredits(DSLContext tx, OffsetDateTime now, int limit) {
        return tx.selectDistinct(TOKEN_EXPIRING_CREDITS.USER_ID)
                .from(TOKEN_EXPIRING_CREDITS)
                .where(TOKEN_EXPIRING_CREDITS.EXPIRED_AT.isNull().and(TOKEN_EXPIRING_CREDITS.EXPIRES_AT.le(now)))
                .limit(limit)
                .fetch(TOKEN_EXPIRING_CREDITS.USER_ID);
    }

    static List<TokenExpiringCreditsRecord> dueCredits(DSLContext tx, UUID userId, OffsetDateTime now) {
        return tx.selectFrom(TOKEN_EXPIRING_CREDITS)
                .where(TOKEN_EXPIRING_CREDITS.USER_ID.eq(userId)
                        .and(TOKEN_EXPIRING_CREDITS.EXPIRED_AT.isNull())
                        .and(TOKEN_EXPIRING_CREDITS.EXPIRES_AT.le(now)))
                .orderBy(TOKEN_EXPIRING_CREDITS.GRANTED_AT, TOKEN_EXPIRING_CREDITS.TRANSACTION_ID)
                .fetch();
    }

    static void closeCredit(DSLContext tx, UUID transactionId, OffsetDateTime now, int expiredAmount) {
        tx.update(TOKEN_EXPIRING_CREDITS)
                .set(TOKEN_EXPIRING_CREDITS.EXPIRED_AT, now)
                .set(TOKEN_EXPIRING_CREDITS.EXPIRED_AMOUNT, expiredAmount)
                .where(TOKEN_EXPIRING_CREDITS.TRANSACTION_ID.eq(transactionId))
                .execute();
    }

    /** A user's whole ledger, in ledger order. */
    static Result<TokenTransactionsRecord> ledger(DSLContext tx, UUID userId) {
        return tx.selectFrom(TOKEN_TRANSACTIONS)
                .where(TOKEN_TRANSACTIONS.USER_ID.eq(userId))
                .orderBy(DSL.coalesce(TOKEN_TRANSACTIONS.SEQUENCE, 0L), TOKEN_TRANSACTIONS.CREATED_AT, TOKEN_TRANSACTIONS.ID)
                .fetch();
    }

    /** Newest first, {@code size + 1} rows. */
    static List<TokenTransactionsRecord> statement(DSLContext tx, UUID userId, StatementFilter filter, Cursors.Position after, int size) {
        var conditions = new ArrayList<Condition>();
        conditions.add(TOKEN_TRANSACTIONS.USER_ID.eq(userId));
        if (!filter.types().isEmpty()) {
            conditions.add(TOKEN_TRANSACTIONS.TRANSACTION_TYPE.in(filter.types().stream().map(type -> TokenTransactionType.valueOf(type.name())).toList()));
        }
        if (filter.from() != null) {
            conditions.add(TOKEN_TRANSACTIONS.CREATED_AT.ge(OffsetDateTime.ofInstant(filter.from(), java.time.ZoneOffset.UTC)));
        }
        if (filter.until() != null) {
            conditions.add(TOKEN_TRANSACTIONS.CREATED_AT.lt(OffsetDateTime.ofInstant(filter.until(), java.time.ZoneOffset.UTC)));
        }
        if (after != null) {
            conditions.add(DSL.row(TOKEN_TRANSACTIONS.CREATED_AT, TOKEN_TRANSACTIONS.ID)
                    .lt(DSL.row(DSL.val(OffsetDateTime.ofInstant(after.time(), java.time.ZoneOffset.UTC)), DSL.val(after.id()))));
        }
        return tx.selectFrom(TOKEN_TRANSACTIONS)
                .where(conditions)
                .orderBy(TOKEN_TRANSACTIONS.CREATED_AT.desc(), TOKEN_TRANSACTIONS.ID.desc())
                .limit(size + 1)
                .fetch();
    }

    /** Every balance row compared with its ledger; {@code userId} null for all users. */
    List<Reconciliation> reconcile(DSLContext tx, UUID userId, boolean onlyDiscrepancies) {
        String sql = reconcile + (userId == null ? " where true" : " where b.user_id = ?");
        if (onlyDiscrepancies) {
            sql += " and (b.balance <> coalesce(s.total, 0) or b.lifetime_earned <> coalesce(s.credits, 0)"
                    + " or b.lifetime_spent <> coalesce(s.debits, 0) or coalesce(c.breaks, 0) > 0)";
        }
        var rows = userId == null ? tx.fetch(sql) : tx.fetch(sql, userId);
        var reports = new ArrayList<Reconciliation>();
        for (Record row : rows) {
            reports.add(new Reconciliation(row.get(0, UUID.class), row.get(1, Integer.class), row.get(2, Integer.class),
                    row.get(3, Integer.class), row.get(4, Long.class), row.get(5, Long.class), row.get(6, Long.class), row.get(7, Integer.class)));
        }
        return reports;
    }
}
