package org.agenticdeals.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReferenceDataTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void adminsManageMarketsAndSources(Deals deals, SeedData seed) {
        UUID admin = seed.admin().id();

        Market market = deals.catalog().createMarket(admin, "Costco", "https://www.costco.com", null);
        Source source = deals.catalog().createSource(admin, "Costco feed", Source.Type.AFFILIATE, "{\"interval\": 300}", new BigDecimal("0.9"));

        assertThat(deals.catalog().updateMarket(admin, market.id(), current -> current.withLogoUrl("https://logos.example.com/costco.svg")).logoUrl())
                .endsWith("costco.svg");
        assertThat(deals.catalog().deactivateMarket(admin, market.id()).status()).isEqualTo(Market.Status.INACTIVE);
        assertThat(deals.catalog().updateSource(admin, source.id(), current -> current.withReliability(new BigDecimal("0.75"))).reliability())
                .isEqualByComparingTo("0.75");
        assertThat(deals.catalog().deactivateSource(admin, source.id()).status()).isEqualTo(Source.Status.INACTIVE);
        assertThat(deals.catalog().markets()).extracting(Market::name).contains("Costco", "Amazon");
        assertThatThrownBy(() -> deals.catalog().createMarket(admin, "Amazon", null, null))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("name"));
        assertThatThrownBy(() -> deals.catalog().createMarket(seed.user("alice@example.com").id(), "Mine", null, null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.catalog().createSource(admin, "Bad", Source.Type.API, null, new BigDecimal("1.5")))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("source.reliability"));
        assertThatThrownBy(() -> deals.catalog().createSource(admin, "Bad", Source.Type.API, "[1, 2]", BigDecimal.ONE))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("source.configuration"));
        assertThatThrownBy(() -> deals.catalog().createMarket(admin, "Bad link", "javascript:alert(1)", null))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("market.url"));
    }

    @Test
    void categoriesFormATreeWithoutCyclesAndWithNamesUniqueUnderEachParent(Deals deals, SeedData seed) {
        UUID admin = seed.admin().id();
        UUID electronics = seed.category("Electronics").id();
        UUID audio = seed.category("Electronics/Audio").id();
        UUID headphones = seed.category("Electronics/Audio/Headphones").id();

        Category gaming = deals.catalog().createCategory(admin, "Gaming", electronics);
        Category consoles = deals.catalog().createCategory(admin, "Consoles", gaming.id());

        assertThat(deals.catalog().categoryPath(consoles.id())).extracting(Category::name).containsExactly("Electronics", "Gaming", "Consoles");
        assertThat(deals.catalog().subtree(electronics)).extracting(Category::name).contains("Audio", "Headphones", "Gaming", "Consoles");
        assertThatThrownBy(() -> deals.catalog().moveCategory(admin, audio, headphones))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("parentId"));
        assertThatThrownBy(() -> deals.catalog().moveCategory(admin, audio, audio)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> deals.catalog().createCategory(admin, "Audio", electronics)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> deals.catalog().createCategory(admin, "Electronics", null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> deals.catalog().renameCategory(admin, gaming.id(), "Audio")).isInstanceOf(ConflictException.class);

        Category moved = deals.catalog().moveCategory(admin, gaming.id(), null);
        assertThat(moved.parentId()).isNull();
        assertThat(deals.catalog().categoryPath(consoles.id())).extracting(Category::name).containsExactly("Gaming", "Consoles");
        assertThat(deals.catalog().renameCategory(admin, gaming.id(), "Video Games").name()).isEqualTo("Video Games");
        assertThat(deals.catalog().deactivateCategory(admin, consoles.id()).active()).isFalse();
        assertThat(deals.catalog().ingest(seed.source("Slickdeals Scraper").id(), List.of(IngestionTest.input("PS5", "https://shop.example.com/ps5",
                "499", "449", seed.market("Amazon").id(), consoles.id()))).refused()).singleElement()
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("categoryId"));
    }

    @Test
    void aMoveWaitsForAConcurrentOneAndSeesTheCycleItWouldMake(Deals deals, SeedData seed, org.agenticdeals.testkit.TestDatabase test)
            throws Exception {
        UUID admin = seed.admin().id();
        // Two trees, A > A1 and B > B1. Moving A under B1 and B under A1 each looks fine alone; together they would
        // make the cycle A > A1 > B > B1 > A. (Opposite moves of two categories are serialized by the foreign key's
        // row lock anyway; these touch four different rows.)
        UUID first = deals.catalog().createCategory(admin, "Race A", null).id();
        UUID firstChild = deals.catalog().createCategory(admin, "Race A1", first).id();
        UUID second = deals.catalog().createCategory(admin, "Race B", null).id();
        UUID secondChild = deals.catalog().createCategory(admin, "Race B1", second).id();
        var firstMoved = new java.util.concurrent.CountDownLatch(1);
        var secondDone = new java.util.concurrent.CountDownLatch(1);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);

        // The first move stays uncommitted until the second one is done, or for a second if the second waits for it.
        var firstMove = threads.submit(() -> deals.useTransaction(tx -> {
            tx.catalog().moveCategory(admin, first, secondChild);
            firstMoved.countDown();
            awaitQuietly(secondDone);
        }));
        firstMoved.await();
        var secondMove = threads.submit(() -> {
            try {
                deals.catalog().moveCategory(admin, second, firstChild);
                return "moved";
            } catch (ValidationException refused) {
                return refused.field();
            } finally {
                secondDone.countDown();
            }
        });
        firstMove.get();
        threads.shutdown();

        assertThat(secondMove.get()).isEqualTo("parentId");
        assertThat(deals.catalog().categoryPath(firstChild)).extracting(Category::name).containsExactly("Race B", "Race B1", "Race A", "Race A1");
        assertThat(((Number) test.ownerDsl().fetchValue("""
                WITH RECURSIVE walk (start, id, depth) AS (
                    SELECT id, parent_id, 1 FROM deals.categories WHERE parent_id IS NOT NULL
                    UNION ALL
                    SELECT walk.start, c.parent_id, walk.depth + 1 FROM walk JOIN deals.categories c ON c.id = walk.id
                    WHERE c.parent_id IS NOT NULL AND walk.depth < 100)
                SELECT count(*) FROM walk WHERE id = start
                """)).longValue()).as("categories that are their own ancestor").isZero();
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void statisticsAreRefreshedConcurrentlyAndCountActiveDeals(Deals deals, org.agenticdeals.testkit.TestDatabase test) {
        deals.catalog().refreshStatistics();

        long counted = deals.catalog().statistics().stream().mapToLong(DealStatistics::dealCount).sum();
        assertThat(counted).isEqualTo(((Number) test.ownerDsl().fetchValue("SELECT count(*) FROM deals.deals WHERE status = 'active'")).longValue());
        assertThat(deals.catalog().statistics()).allSatisfy(row -> {
            assertThat(row.bestDiscount()).isGreaterThanOrEqualTo(row.averageDiscount());
            assertThat(row.highestPrice()).isGreaterThanOrEqualTo(row.lowestPrice());
        });
    }
}
