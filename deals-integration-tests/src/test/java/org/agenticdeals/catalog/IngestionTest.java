package org.agenticdeals.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestionTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void goodItemsLandWhileEachBadOneIsRefusedWithItsIndexAndReason(Deals deals, SeedData seed) {
        UUID amazon = seed.market("Amazon").id();
        UUID headphones = seed.category("Electronics/Audio/Headphones").id();
        var batch = List.of(
                input("Good headphones", "https://shop.example.com/a", "199.99", "149.99", amazon, headphones),
                input("Free lunch", "https://shop.example.com/b", "10.00", "0", amazon, null),
                input("Price went up", "https://shop.example.com/c", "10.00", "12.00", amazon, null),
                input("Nowhere market", "https://shop.example.com/d", "10.00", "9.00", UUID.randomUUID(), null),
                input("Nowhere category", "https://shop.example.com/e", "10.00", "9.00", amazon, UUID.randomUUID()),
                input("x".repeat(256), "https://shop.example.com/f", "10.00", "9.00", amazon, null),
                input("Malformed link", "not a url", "10.00", "9.00", amazon, null),
                input("Good speaker", "https://shop.example.com/g", "80.00", "60.00", amazon, null),
                input("Same link again", "https://shop.example.com/a", "199.99", "139.99", amazon, headphones),
                input("Deprecated market", "https://shop.example.com/h", "10.00", "9.00", seed.market("Overstock").id(), null));

        IngestionResult result = deals.catalog().ingest(source(seed), batch);

        assertThat(result.inserted()).isEqualTo(2);
        assertThat(result.updated()).isZero();
        assertThat(result.unchanged()).isZero();
        assertThat(result.refused()).extracting(IngestionResult.RefusedItem::index, IngestionResult.RefusedItem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "currentPrice"),
                        org.assertj.core.groups.Tuple.tuple(2, "currentPrice"),
                        org.assertj.core.groups.Tuple.tuple(3, "marketId"),
                        org.assertj.core.groups.Tuple.tuple(4, "categoryId"),
                        org.assertj.core.groups.Tuple.tuple(5, "title"),
                        org.assertj.core.groups.Tuple.tuple(6, "url"),
                        org.assertj.core.groups.Tuple.tuple(8, "url"),
                        org.assertj.core.groups.Tuple.tuple(9, "marketId"));
        assertThat(result.dealIds()).hasSize(2);
        DealView headphonesDeal = deals.catalog().find(result.dealIds().get(0)).orElseThrow();
        assertThat(headphonesDeal.discountPercentage()).isEqualByComparingTo("25.00");
        assertThat(headphonesDeal.categoryPath()).containsExactly("Electronics", "Audio", "Headphones");
    }

    @Test
    void theSameBatchTwiceChangesNothingAndAPriceDropIsReportedAndRemembered(Deals deals, SeedData seed) {
        UUID amazon = seed.market("Amazon").id();
        var batch = List.of(input("Espresso machine", "https://shop.example.com/espresso", "249.99", "219.99", amazon, null),
                input("Grinder", "https://shop.example.com/grinder", "99.99", "89.99", amazon, null));
        UUID source = source(seed);
        IngestionResult first = deals.catalog().ingest(source, batch);

        IngestionResult again = deals.catalog().ingest(source, batch);

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.inserted() + again.updated()).isZero();
        assertThat(again.dealIds()).isEmpty();

        IngestionResult cheaper = deals.catalog().ingest(source,
                List.of(input("Espresso machine", "https://shop.example.com/espresso", "249.99", "179.99", amazon, null),
                        input("Grinder", "https://shop.example.com/grinder", "99.99", "94.99", amazon, null)));

        assertThat(cheaper.updated()).isEqualTo(2);
        UUID espresso = first.dealIds().get(0);
        assertThat(cheaper.priceDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.dealId()).isEqualTo(espresso);
            assertThat(drop.oldPrice()).isEqualByComparingTo("219.99");
            assertThat(drop.newPrice()).isEqualByComparingTo("179.99");
        });
        assertThat(deals.catalog().priceHistory(espresso)).extracting(point -> point.price().toPlainString())
                .containsExactly("219.99", "179.99");
        assertThat(deals.catalog().lowestPrice(espresso).price()).isEqualByComparingTo("179.99");
    }

    @Test
    void racingBatchesOfOneSourceRecordEveryChangeOnceAndReportEachDropAgainstThePriceItReplaced(Deals deals, SeedData seed) throws Exception {
        UUID amazon = seed.market("Amazon").id();
        List<String> urls = java.util.stream.IntStream.range(0, 12).mapToObj(item -> "https://race.example.com/" + item).toList();
        List<UUID> ids = deals.catalog().ingest(source(seed), urls.stream().map(url -> input("Racing deal", url, "100", "99", amazon, null)).toList())
                .dealIds();
        var drops = new java.util.concurrent.ConcurrentLinkedQueue<IngestionResult.PriceDrop>();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        var start = new java.util.concurrent.CountDownLatch(1);
        var work = new ArrayList<java.util.concurrent.Future<?>>();
        for (int thread = 0; thread < 6; thread++) {
            var random = new java.util.SplittableRandom(thread);
            work.add(threads.submit(() -> {
                start.await();
                for (int round = 0; round < 15; round++) {
                    var batch = urls.stream().map(url -> input("Racing deal", url, "100", (50 + random.nextInt(50)) + ".00", amazon, null)).toList();
                    drops.addAll(deals.catalog().ingest(source(seed), batch).priceDrops());
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : work) {
            future.get();
        }
        threads.shutdown();

        for (UUID id : ids) {
            List<PricePoint> history = deals.catalog().priceHistory(id);
            assertThat(history.get(history.size() - 1).price()).isEqualByComparingTo(deals.catalog().find(id).orElseThrow().currentPrice());
            for (int point = 1; point < history.size(); point++) {
                assertThat(history.get(point).price()).as("each row is a change").isNotEqualByComparingTo(history.get(point - 1).price());
            }
            List<String> consecutive = new ArrayList<>();
            for (int point = 1; point < history.size(); point++) {
                consecutive.add(history.get(point - 1).price().toPlainString() + "->" + history.get(point).price().toPlainString());
            }
            List<String> reported = drops.stream().filter(drop -> drop.dealId().equals(id))
                    .map(drop -> drop.oldPrice().toPlainString() + "->" + drop.newPrice().toPlainString()).toList();
            List<String> falls = consecutive.stream().filter(change -> {
                String[] prices = change.split("->");
                return new BigDecimal(prices[1]).compareTo(new BigDecimal(prices[0])) < 0;
            }).toList();
            assertThat(reported).as("the drops reported for %s are exactly the falls in its history", id).containsExactlyInAnyOrderElementsOf(falls);
        }
    }

    @Test
    void removedAndExpiredDealsLeaveSearchAndARemovedDealIsNotBroughtBack(TestDatabase test, SeedData seed) {
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        Deals deals = test.deals(builder -> builder.clock(clock));
        UUID amazon = seed.market("Amazon").id();
        UUID source = source(seed);
        var expiring = new DealInput("Lightning deal", null, "https://shop.example.com/lightning", null, new BigDecimal("50"),
                new BigDecimal("25"), amazon, null, Instant.parse("2026-11-25T12:00:00Z"));
        List<UUID> ids = deals.catalog().ingest(source, List.of(expiring,
                input("Removable deal", "https://shop.example.com/removable", "10", "9", amazon, null))).dealIds();

        deals.catalog().remove(seed.user("moderator@example.com").id(), ids.get(1));
        clock.advance(Duration.ofHours(3));
        int expired = deals.catalog().expireDue();

        assertThat(expired).isGreaterThanOrEqualTo(1);
        List<UUID> visible = new ArrayList<>();
        deals.catalog().search(DealQuery.all().withText("lightning OR removable"), PageRequest.first(100)).items()
                .forEach(deal -> visible.add(deal.id()));
        assertThat(visible).doesNotContain(ids.get(0), ids.get(1));
        IngestionResult again = deals.catalog().ingest(source, List.of(input("Removable deal", "https://shop.example.com/removable", "10", "8",
                amazon, null)));
        assertThat(again.updated()).isOne();
        assertThat(deals.catalog().find(ids.get(1))).isEmpty();
        assertThatThrownBy(() -> deals.catalog().remove(seed.user("alice@example.com").id(), ids.get(0)))
                .isInstanceOf(org.agenticdeals.PermissionDeniedException.class);
    }

    @Test
    void aBatchWrittenInChunksLandsAlikeWithAndWithoutTheVectorHelper(TestDatabase test, SeedData seed) {
        UUID amazon = seed.market("Amazon").id();
        UUID headphones = seed.category("Electronics/Audio/Headphones").id();
        var results = new ArrayList<IngestionResult>();
        for (boolean parallel : List.of(true, false)) {
            Deals deals = test.deals(builder -> builder.parallelIngestion(parallel));
            var batch = new ArrayList<DealInput>();
            for (int item = 0; item < 3_500; item++) {
                // Bad items in the first, a middle and the last chunk.
                boolean bad = item % 1_171 == 7;
                batch.add(new DealInput("Chunked headphones model " + item, "Noise cancelling, over-ear, batch " + item,
                        "https://chunks.example.com/" + parallel + "/" + item, null, new BigDecimal("120.00"),
                        new BigDecimal(bad ? "130.00" : "90.00"), amazon, item % 2 == 0 ? headphones : null, null));
            }
            results.add(deals.catalog().ingest(source(seed), batch));
        }

        for (IngestionResult result : results) {
            assertThat(result.inserted()).isEqualTo(3_497);
            assertThat(result.refused()).extracting(IngestionResult.RefusedItem::index).containsExactly(7, 1_178, 2_349);
            assertThat(result.dealIds()).hasSize(3_497).doesNotHaveDuplicates();
        }
        Integer stale = test.ownerDsl().fetchSingle("""
                select count(*)::int from deals.deals
                where url like 'https://chunks.example.com/%' and search_vector is distinct from deals.deal_search_vector(title, description)""").get(0, Integer.class);
        assertThat(stale).as("vectors that differ from the ones the database computes").isZero();
        Integer times = test.ownerDsl().fetchSingle("""
                select count(distinct created_at)::int from deals.deals where url like 'https://chunks.example.com/true/%'""")
                .get(0, Integer.class);
        assertThat(times).as("one created_at for a batch written in chunks").isOne();
        assertThat(test.deals().catalog().search(DealQuery.all().withText("chunked headphones"), PageRequest.first(10)).items()).hasSize(10);
    }

    @Test
    void anUpdatedDealKeepsItsVectorWhileItsTextStaysAndGetsANewOneWhenItChanges(Deals deals, SeedData seed, TestDatabase test) {
        UUID amazon = seed.market("Amazon").id();
        var first = List.of(input("Kettle", "https://vectors.example.com/1", "40", "35", amazon, null),
                input("Toaster", "https://vectors.example.com/2", "50", "45", amazon, null),
                input("Blender", "https://vectors.example.com/3", "90", "80", amazon, null));
        List<UUID> ids = deals.catalog().ingest(source(seed), first).dealIds();

        IngestionResult again = deals.catalog().ingest(source(seed), List.of(
                input("Kettle", "https://vectors.example.com/1", "40", "30", amazon, null),
                input("Toaster oven", "https://vectors.example.com/2", "50", "45", amazon, null),
                new DealInput("Blender", "Now with a travel cup", "https://vectors.example.com/3", null, new BigDecimal("90"),
                        new BigDecimal("80"), amazon, null, null)));
        test.ownerDsl().execute("update deals.deals set title = 'Electric kettle' where id = ?", ids.get(0));

        assertThat(again.updated()).isEqualTo(3);
        Integer stale = test.ownerDsl().fetchSingle("""
                select count(*)::int from deals.deals
                where url like 'https://vectors.example.com/%' and search_vector is distinct from deals.deal_search_vector(title, description)""")
                .get(0, Integer.class);
        assertThat(stale).isZero();
        assertThat(deals.catalog().search(DealQuery.all().withText("travel cup"), PageRequest.first(5)).items())
                .extracting(DealView::id).containsExactly(ids.get(2));
    }

    @Test
    void aPoolWithNoConnectionToSpareStillIngestsALargeBatch(TestDatabase test, SeedData seed) {
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(test.application().jdbcUrl());
        config.setUsername(test.application().user());
        config.setPassword(test.application().password());
        config.setMaximumPoolSize(1);
        try (var onlyOne = new com.zaxxer.hikari.HikariDataSource(config)) {
            Deals deals = Deals.create(org.agenticdeals.DealsConfig.builder().dataSource(onlyOne).build());
            UUID amazon = seed.market("Amazon").id();
            var batch = java.util.stream.IntStream.range(0, 2_500)
                    .mapToObj(item -> input("Single pool deal " + item, "https://one.example.com/" + item, "20", "15", amazon, null)).toList();

            IngestionResult result = deals.catalog().ingest(source(seed), batch);

            assertThat(result.inserted()).isEqualTo(2_500);
        }
        Integer stale = test.ownerDsl().fetchSingle("""
                select count(*)::int from deals.deals
                where url like 'https://one.example.com/%' and search_vector is distinct from deals.deal_search_vector(title, description)""").get(0, Integer.class);
        assertThat(stale).isZero();
    }

    @Test
    void anInactiveSourceAndAnOversizedBatchAreRefusedWhole(Deals deals, SeedData seed) {
        UUID legacy = seed.source("Legacy RSS Scraper").id();
        UUID amazon = seed.market("Amazon").id();

        assertThatThrownBy(() -> deals.catalog().ingest(legacy, List.of(input("x", "https://shop.example.com/x", "2", "1", amazon, null))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.catalog().ingest(source(seed), List.of())).isInstanceOf(ValidationException.class);
    }

    static DealInput input(String title, String url, String original, String current, UUID market, UUID category) {
        return new DealInput(title, "A deal for tests", url, null, new BigDecimal(original), new BigDecimal(current), market, category, null);
    }

    static UUID source(SeedData seed) {
        return seed.source("Slickdeals Scraper").id();
    }
}
