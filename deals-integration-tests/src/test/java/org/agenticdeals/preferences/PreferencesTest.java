package org.agenticdeals.preferences;

import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.Transactions;
import org.agenticdeals.jooq.tables.records.UserPreferencesRecord;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PreferencesTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void preferencesAreReadAndUpdatedAsAWhole(Deals deals, SeedData seed) {
        UUID alice = seed.user("alice@example.com").id();
        UUID headphones = seed.category("Electronics/Audio/Headphones").id();
        UUID amazon = seed.market("Amazon").id();

        UserPreferences updated = deals.preferences().update(alice, current -> current
                .withTheme(Theme.DARK)
                .withDealCategories(List.of(headphones, headphones))
                .withPreferredMarkets(List.of(amazon))
                .withMinDiscountPercentage(25)
                .withMaxPrice(new BigDecimal("349.5"))
                .withNotificationPush(false));

        assertThat(updated.theme()).isEqualTo(Theme.DARK);
        assertThat(updated.dealCategories()).containsExactly(headphones);
        assertThat(updated.preferredMarkets()).containsExactly(amazon);
        assertThat(updated.maxPrice()).isEqualByComparingTo("349.50");
        assertThat(deals.preferences().get(alice)).isEqualTo(updated);
    }

    static List<UnaryOperator<UserPreferences>> invalidChanges() {
        return List.of(
                current -> current.withMinDiscountPercentage(101),
                current -> current.withMinDiscountPercentage(-1),
                current -> current.withMaxPrice(new BigDecimal("-0.01")),
                current -> current.withMaxPrice(new BigDecimal("9.999")),
                current -> current.withMaxPrice(new BigDecimal("1e12")),
                current -> current.withTheme(null),
                current -> current.withDealCategories(List.of(UUID.randomUUID())),
                current -> current.withPreferredMarkets(List.of(UUID.randomUUID())),
                current -> current.withDealCategories(java.util.stream.Stream.generate(UUID::randomUUID).limit(51).toList()),
                current -> null);
    }

    @ParameterizedTest
    @MethodSource("invalidChanges")
    void anInvalidChangeIsRefusedNamingTheFieldAndNothingIsWritten(UnaryOperator<UserPreferences> change, Deals deals, SeedData seed,
                                                                   TestDatabase test) {
        UUID bob = seed.user("bob@example.com").id();
        Map<String, Long> before = RowCounts.of(test);
        UserPreferences unchanged = deals.preferences().get(bob);

        assertThatThrownBy(() -> deals.preferences().update(bob, change))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).startsWith("preferences"));
        assertThat(deals.preferences().get(bob)).isEqualTo(unchanged);
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void aQueryThatForgetsItsWhereInAUsersContextNeverSeesAnotherUsersPreferences(TestDatabase test, SeedData seed) {
        UUID alice = seed.user("alice@example.com").id();
        var transactions = new Transactions(DSL.using(test.dataSource(), SQLDialect.POSTGRES), 0, Duration.ofSeconds(5), Duration.ofSeconds(5));

        Result<UserPreferencesRecord> visible = transactions.run(SecurityContext.user(alice), tx -> tx.selectFrom(USER_PREFERENCES).fetch());
        Result<UserPreferencesRecord> anonymous = transactions.run(SecurityContext.anonymous(), tx -> tx.selectFrom(USER_PREFERENCES).fetch());

        assertThat(visible).extracting(UserPreferencesRecord::getUserId).containsExactly(alice);
        assertThat(anonymous).isEmpty();
        assertThat(test.ownerDsl().fetchCount(USER_PREFERENCES)).isEqualTo(seed.users().size());
    }

    @Test
    void anotherUsersOrAMissingUsersPreferencesAreNotFound(Deals deals) {
        assertThatThrownBy(() -> deals.preferences().get(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.preferences().update(UUID.randomUUID(), current -> current)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void concurrentReadModifyWriteUpdatesLoseNothing(Deals deals, SeedData seed) throws Exception {
        UUID carol = seed.user("carol@example.com").id();
        deals.preferences().update(carol, current -> current.withMinDiscountPercentage(0));
        int increments = 40;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            var work = new ArrayList<Callable<UserPreferences>>();
            for (int increment = 0; increment < increments; increment++) {
                work.add(() -> deals.preferences().update(carol,
                        current -> current.withMinDiscountPercentage(current.minDiscountPercentage() + 1)));
            }
            for (Future<UserPreferences> done : threads.invokeAll(work)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(deals.preferences().get(carol).minDiscountPercentage()).isEqualTo(increments);
    }

    @Test
    void notificationSettingsKeepQuietHoursInTheUsersTimeZone(Deals deals, SeedData seed) {
        UUID dave = seed.user("dave@example.com").id();

        NotificationSettings settings = deals.preferences().updateNotificationSettings(dave, current -> current
                .withQuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
                .withTimeZone(ZoneId.of("Europe/Berlin"))
                .withEmail(false, true, false));

        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.emailDealAlerts()).isFalse();
        // 21:30 UTC is 22:30 in Berlin in November: quiet. 06:30 UTC is 07:30 there: not quiet.
        assertThat(deals.preferences().isQuietAt(dave, Instant.parse("2026-11-25T21:30:00Z"))).isTrue();
        assertThat(deals.preferences().isQuietAt(dave, Instant.parse("2026-11-25T06:30:00Z"))).isFalse();
        assertThat(deals.preferences().notificationSettings(dave)).isEqualTo(settings);
    }

    @Test
    void invalidNotificationSettingsAreRefused(Deals deals, SeedData seed, TestDatabase test) {
        UUID erin = seed.user("erin@example.com").id();
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.preferences().updateNotificationSettings(erin, current -> current.withQuietHours(LocalTime.NOON, null)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("notificationSettings.quietHours"));
        assertThatThrownBy(() -> deals.preferences().updateNotificationSettings(erin, current -> current.withTimeZone(ZoneId.of("+02:00"))))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("notificationSettings.timeZone"));
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }
}
