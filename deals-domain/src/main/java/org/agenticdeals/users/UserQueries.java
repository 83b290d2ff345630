package org.agenticdeals.users;

import static org.agenticdeals.jooq.Tables.NOTIFICATION_SETTINGS;
import static org.agenticdeals.jooq.Tables.USERS;
import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;
import static org.agenticdeals.jooq.Tables.USER_TOKEN_BALANCES;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.jooq.enums.UserRole;
import org.agenticdeals.jooq.tables.records.UsersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The users feature's SQL. */
final class UserQueries {

    private UserQueries() {
    }

    static UsersRecord insert(DSLContext tx, UUID id, String email, String passwordHash, String name, String tokenHash,
                              OffsetDateTime tokenExpiresAt, OffsetDateTime now) {
        return tx.insertInto(USERS)
                .set(USERS.ID, id)
                .set(USERS.EMAIL, email)
                .set(USERS.HASHED_PASSWORD, passwordHash)
                .set(USERS.NAME, name)
                .set(USERS.VERIFICATION_TOKEN, tokenHash)
                .set(USERS.VERIFICATION_TOKEN_EXPIRES_AT, tokenExpiresAt)
                .set(USERS.CREATED_AT, now)
                .set(USERS.UPDATED_AT, now)
                .returning()
                .fetchOne();
    }

    /** The rows every user has: preferences, notification settings and a token balance, all at their defaults. */
    static void insertDefaults(DSLContext tx, UUID userId, UUID balanceId, OffsetDateTime now) {
        tx.batch(
                tx.insertInto(USER_PREFERENCES).set(USER_PREFERENCES.USER_ID, userId)
                        .set(USER_PREFERENCES.CREATED_AT, now).set(USER_PREFERENCES.UPDATED_AT, now),
                tx.insertInto(NOTIFICATION_SETTINGS).set(NOTIFICATION_SETTINGS.USER_ID, userId)
                        .set(NOTIFICATION_SETTINGS.CREATED_AT, now).set(NOTIFICATION_SETTINGS.UPDATED_AT, now),
                tx.insertInto(USER_TOKEN_BALANCES).set(USER_TOKEN_BALANCES.ID, balanceId).set(USER_TOKEN_BALANCES.USER_ID, userId)
                        .set(USER_TOKEN_BALANCES.CREATED_AT, now).set(USER_TOKEN_BALANCES.UPDATED_AT, now))
                .execute();
    }

    static Optional<UsersRecord> byId(DSLContext tx, UUID id) {
        return tx.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional();
    }

    static Optional<UsersRecord> byIdForUpdate(DSLContext tx, UUID id) {
        return tx.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional();
    }

    /** By normalized address, through the unique index on {@code lower(email)}. */
    static Optional<UsersRecord> byEmail(DSLContext tx, String normalizedEmail) {
        return tx.selectFrom(USERS).where(DSL.lower(USERS.EMAIL).eq(normalizedEmail)).fetchOptional();
    }

    static Optional<UsersRecord> byVerificationTokenHashForUpdate(DSLContext tx, String tokenHash) {
        return tx.selectFrom(USERS).where(USERS.VERIFICATION_TOKEN.eq(tokenHash)).forUpdate().fetchOptional();
    }

    static UsersRecord markVerified(DSLContext tx, UUID id) {
        return tx.update(USERS)
                .set(USERS.IS_VERIFIED, true)
                .setNull(USERS.VERIFICATION_TOKEN)
                .setNull(USERS.VERIFICATION_TOKEN_EXPIRES_AT)
                .where(USERS.ID.eq(id))
                .returning()
                .fetchOne();
    }

    static void replaceVerificationToken(DSLContext tx, UUID id, String tokenHash, OffsetDateTime expiresAt) {
        tx.update(USERS)
                .set(USERS.VERIFICATION_TOKEN, tokenHash)
                .set(USERS.VERIFICATION_TOKEN_EXPIRES_AT, expiresAt)
                .where(USERS.ID.eq(id))
                .execute();
    }

    /** Replaces the hash only if it is still {@code expectedHash}: a concurrent change is not overwritten. */
    static boolean replacePasswordHash(DSLContext tx, UUID id, String expectedHash, String newHash) {
        return tx.update(USERS)
                .set(USERS.HASHED_PASSWORD, newHash)
                .where(USERS.ID.eq(id).and(USERS.HASHED_PASSWORD.eq(expectedHash)))
                .execute() == 1;
    }

    static UsersRecord setActive(DSLContext tx, UUID id, boolean active) {
        return tx.update(USERS).set(USERS.IS_ACTIVE, active).where(USERS.ID.eq(id)).returning().fetchOne();
    }

    static UsersRecord setRole(DSLContext tx, UUID id, UserRole role) {
        return tx.update(USERS).set(USERS.ROLE, role).where(USERS.ID.eq(id)).returning().fetchOne();
    }

    /** Newest first, {@code size + 1} rows so the caller knows whether another page follows. */
    static List<UsersRecord> page(DSLContext tx, UserFilter filter, Cursors.Position after, int size) {
        var conditions = new ArrayList<Condition>();
        if (filter.role() != null) {
            conditions.add(USERS.ROLE.eq(UserRole.valueOf(filter.role().name())));
        }
        if (filter.active() != null) {
            conditions.add(USERS.IS_ACTIVE.eq(filter.active()));
        }
        if (filter.verified() != null) {
            conditions.add(USERS.IS_VERIFIED.eq(filter.verified()));
        }
        if (after != null) {
            conditions.add(DSL.row(USERS.CREATED_AT, USERS.ID)
                    .lt(DSL.row(DSL.val(OffsetDateTime.ofInstant(after.time(), java.time.ZoneOffset.UTC)), DSL.val(after.id()))));
        }
        return tx.selectFrom(USERS)
                .where(conditions)
                .orderBy(USERS.CREATED_AT.desc(), USERS.ID.desc())
                .limit(size + 1)
                .fetch();
    }
}
