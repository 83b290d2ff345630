package org.agenticdeals.preferences;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.NOTIFICATION_SETTINGS;
import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.agenticdeals.jooq.tables.records.NotificationSettingsRecord;
import org.agenticdeals.jooq.tables.records.UserPreferencesRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/** The preferences feature's SQL. */
final class PreferenceQueries {

    private PreferenceQueries() {
    }

    static Optional<UserPreferencesRecord> preferences(DSLContext tx, UUID userId, boolean forUpdate) {
        var select = tx.selectFrom(USER_PREFERENCES).where(USER_PREFERENCES.USER_ID.eq(userId));
        return forUpdate ? select.forUpdate().fetchOptional() : select.fetchOptional();
    }

    static Optional<NotificationSettingsRecord> notificationSettings(DSLContext tx, UUID userId, boolean forUpdate) {
        var select = tx.selectFrom(NOTIFICATION_SETTINGS).where(NOTIFICATION_SETTINGS.USER_ID.eq(userId));
        return forUpdate ? select.forUpdate().fetchOptional() : select.fetchOptional();
    }

    static Set<UUID> unknownCategories(DSLContext tx, Collection<UUID> ids) {
        return unknown(tx, CATEGORIES, CATEGORIES.ID, ids);
    }

    static Set<UUID> unknownMarkets(DSLContext tx, Collection<UUID> ids) {
        return unknown(tx, MARKETS, MARKETS.ID, ids);
    }

    private static Set<UUID> unknown(DSLContext tx, Table<?> table, Field<UUID> id, Collection<UUID> ids) {
        var missing = new HashSet<>(ids);
        if (!ids.isEmpty()) {
            missing.removeAll(tx.select(id).from(table).where(id.in(ids)).fetchSet(id));
        }
        return missing;
    }
}
