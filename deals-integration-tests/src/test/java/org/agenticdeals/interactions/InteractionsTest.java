package org.agenticdeals.interactions;

import static org.agenticdeals.jooq.Tables.SOCIAL_INTERACTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.SavedDeal;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InteractionsTest {

    // An empty catalog: trending ranks every deal with interactions, so this class's deals must be the only ones.
    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty();

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void viewsClicksAndPurchasesAreRecordedWithTheirMetadata(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().create().getId();

        Interaction view = deals.interactions().record(user, deal, InteractionType.VIEW, "{\"from\": \"search\", \"position\": 3}");
        deals.interactions().record(user, deal, InteractionType.CLICK, null);
        deals.interactions().record(user, deal, InteractionType.PURCHASE, "{}");

        var stored = test.ownerDsl().selectFrom(SOCIAL_INTERACTIONS).where(SOCIAL_INTERACTIONS.ID.eq(view.id())).fetchOne();
        assertThat(stored.getUserId()).isEqualTo(user);
        assertThat(stored.getMetadata().data()).isEqualTo("{\"from\": \"search\", \"position\": 3}");
        InteractionCounts counts = deals.interactions().counts(deal, view.createdAt(), view.createdAt().plusSeconds(1));
        assertThat(counts.views()).isEqualTo(1);
        assertThat(counts.clicks()).isEqualTo(1);
        assertThat(counts.purchases()).isEqualTo(1);
        assertThat(counts.total()).isEqualTo(3);
    }

    @Test
    void badInteractionsAreRefusedNamingTheFieldAndWriteNothing(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().create().getId();
        UUID admin = fixtures.user().admin().create().getId();
        UUID removed = fixtures.deal().create().getId();
        deals.catalog().remove(admin, removed);
        Map<String, Long> before = RowCounts.of(test);

        Map<String, Runnable> refused = Map.of(
                "type SAVE", () -> deals.interactions().record(user, deal, InteractionType.SAVE, null),
                "type SHARE", () -> deals.interactions().record(user, deal, InteractionType.SHARE, null),
                "metadata array", () -> deals.interactions().record(user, deal, InteractionType.VIEW, "[1, 2]"),
                "metadata malformed", () -> deals.interactions().record(user, deal, InteractionType.VIEW, "{\"a\": "),
                "metadata too long", () -> deals.interactions().record(user, deal, InteractionType.VIEW, "{\"a\": \"" + "x".repeat(5_000) + "\"}"),
                "metadata NUL", () -> deals.interactions().record(user, deal, InteractionType.VIEW, "{\"a\": \"\\u0000\"}"),
                "metadata lone surrogate", () -> deals.interactions().record(user, deal, InteractionType.VIEW, "{\"a\": \"\\ud800\"}"),
                "userId", () -> deals.interactions().record(null, deal, InteractionType.VIEW, null),
                "window", () -> deals.interactions().counts(deal, NOW, NOW),
                "limit", () -> deals.interactions().trending(0));
        refused.forEach((name, call) -> assertThatThrownBy(call::run).as(name).isInstanceOf(ValidationException.class));
        assertThatThrownBy(() -> deals.interactions().record(user, removed, InteractionType.VIEW, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.interactions().record(user, UUID.randomUUID(), InteractionType.VIEW, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.interactions().record(UUID.randomUUID(), deal, InteractionType.VIEW, null))
                .isInstanceOf(NotFoundException.class);

        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void savingRecordsOneSaveHoweverManyTimesAndThreadsSave(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().create().getId();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SavedDeal>> saves = Collections.nCopies(32, () -> deals.savedDeals().save(user, deal, "racing"));
            for (Future<SavedDeal> saved : threads.invokeAll(saves)) {
                assertThat(saved.get().notes()).isEqualTo("racing");
            }
        } finally {
            threads.shutdownNow();
        }
        deals.savedDeals().save(user, deal, null);

        assertThat(test.ownerDsl().fetchCount(SOCIAL_INTERACTIONS, SOCIAL_INTERACTIONS.USER_ID.eq(user)
                .and(SOCIAL_INTERACTIONS.INTERACTION_TYPE.eq(org.agenticdeals.jooq.enums.InteractionType.SAVE)))).isEqualTo(1);
        deals.savedDeals().unsave(user, deal);
        deals.savedDeals().save(user, deal, null);
        assertThat(deals.interactions().counts(deal, Instant.EPOCH, Instant.now().plusSeconds(60)).saves()).isEqualTo(2);
    }

    @Test
    void countsAndTrendingAgreeWithAStraightforwardComputationOverTheSameInteractions(Fixtures fixtures, TestDatabase test) {
        var clock = new MutableClock(NOW.minus(Duration.ofHours(30)));
        Deals deals = test.deals(builder -> builder.clock(clock));
        var random = new SplittableRandom(8);
        List<UUID> users = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            users.add(fixtures.user().create().getId());
        }
        List<UUID> catalog = new ArrayList<>();
        for (int index = 0; index < 12; index++) {
            catalog.add(fixtures.deal().title("Trending candidate " + index).create().getId());
        }
        record Recorded(UUID deal, InteractionType type, Instant at) {
        }
        var recorded = new ArrayList<Recorded>();
        // 400 interactions spread over the 30 hours before NOW (the first 6 outside the trending window).
        for (int step = 0; step < 400; step++) {
            clock.advance(Duration.ofSeconds(random.nextLong(1, 540)));
            if (clock.instant().isAfter(NOW)) {
                break;
            }
            UUID deal = catalog.get((int) Math.min(catalog.size() - 1, Math.abs(random.nextGaussian()) * 4));
            UUID user = users.get(random.nextInt(users.size()));
            InteractionType type = switch (random.nextInt(10)) {
                case 0 -> InteractionType.PURCHASE;
                case 1 -> InteractionType.SHARE;
                case 2, 3 -> InteractionType.CLICK;
                default -> InteractionType.VIEW;
            };
            if (type == InteractionType.SHARE) {
                deals.sharing().share(user, NewShare.byLink(deal));
            } else {
                deals.interactions().record(user, deal, type, null);
            }
            recorded.add(new Recorded(deal, type, clock.instant()));
        }
        UUID admin = fixtures.user().admin().create().getId();
        UUID removed = catalog.get(0);
        deals.catalog().remove(admin, removed);
        Instant now = clock.instant();

        Instant from = now.minus(Duration.ofHours(10));
        for (UUID deal : catalog) {
            InteractionCounts counts = deals.interactions().counts(deal, from, now);
            for (InteractionType type : InteractionType.values()) {
                long expected = recorded.stream().filter(r -> r.deal().equals(deal) && r.type() == type && !r.at().isBefore(from) && r.at().isBefore(now))
                        .count();
                assertThat(counts.of(type)).as("%s of %s", type, deal).isEqualTo(expected);
            }
        }

        Map<UUID, Double> expectedScores = new HashMap<>();
        Map<UUID, Long> expectedInteractions = new HashMap<>();
        for (Recorded r : recorded) {
            Duration age = Duration.between(r.at(), now);
            if (r.deal().equals(removed) || age.compareTo(Interactions.TRENDING_WINDOW) >= 0) {
                continue;
            }
            double decay = Math.pow(0.5, age.toNanos() / (double) Interactions.TRENDING_HALF_LIFE.toNanos());
            expectedScores.merge(r.deal(), r.type().weight() * decay, Double::sum);
            expectedInteractions.merge(r.deal(), 1L, Long::sum);
        }
        List<UUID> expectedOrder = expectedScores.keySet().stream()
                .sorted(Comparator.comparing((UUID deal) -> -expectedScores.get(deal)).thenComparing(UUID::toString)).toList();

        List<TrendingDeal> trending = deals.interactions().trending(5);

        assertThat(trending).extracting(TrendingDeal::dealId).containsExactlyElementsOf(expectedOrder.subList(0, 5));
        assertThat(trending).allSatisfy(deal -> {
            assertThat(deal.score()).isCloseTo(expectedScores.get(deal.dealId()), within(1e-9));
            assertThat(deal.interactions()).isEqualTo(expectedInteractions.get(deal.dealId()));
            assertThat(deal.title()).startsWith("Trending candidate");
        });
        assertThat(deals.interactions().trending(Interactions.MAX_TRENDING)).extracting(TrendingDeal::dealId)
                .containsExactlyElementsOf(expectedOrder).doesNotContain(removed);
    }
}
