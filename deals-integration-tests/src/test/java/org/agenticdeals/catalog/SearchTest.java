package org.agenticdeals.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.agenticdeals.Deals;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every filter and order checked against a brute-force filter over the same deals, page by page, with text
 * searches run three ways: the probe covering the whole catalog, a probe window of 400 of its 3,000 deals (so
 * pages come from both the probe and the text index), and no probe.
 */
class SearchTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.large(3_000)).withDatabasePerClass();

    private static final List<String> TEXTS = List.of("wireless", "cast iron", "headphones", "stainless steel", "lodge skillet",
            "headphones -wireless", "\"noise cancelling\"", "espresso or kettle", "nothing matches this");

    /** A deal as the brute force sees it. */
    record Row(UUID id, UUID market, UUID category, BigDecimal price, BigDecimal discount, BigDecimal reliability, OffsetDateTime createdAt,
               String title) {
    }

    @Test
    void randomFilterCombinationsReturnExactlyTheBruteForceAnswerInOrder(SeedData seed, TestDatabase test) {
        List<Row> visible = visibleDeals(test);
        List<Deals> engines = List.of(test.deals(), test.deals(config -> config.searchProbeWindow(400)),
                test.deals(config -> config.searchProbeWindow(0)));
        var random = new SplittableRandom(42);
        for (int round = 0; round < 60; round++) {
            DealQuery query = DealQuery.all();
            Predicate<Row> expected = row -> true;
            Set<UUID> titleMatches = Set.of();
            if (random.nextInt(3) > 0) {
                String text = TEXTS.get(random.nextInt(TEXTS.size()));
                Set<UUID> matches = textMatches(test, text, "d.search_vector");
                titleMatches = textMatches(test, text, "to_tsvector('english', d.title)");
                query = query.withText(text);
                expected = expected.and(row -> matches.contains(row.id()));
            }
            if (random.nextInt(3) == 0) {
                SeedData.Category category = seed.categories().get(random.nextInt(seed.categories().size()));
                Set<UUID> subtree = subtree(seed, category);
                query = query.withCategory(category.id());
                expected = expected.and(row -> subtree.contains(row.category()));
            }
            if (random.nextInt(3) == 0) {
                UUID market = seed.markets().get(random.nextInt(8)).id();
                query = query.withMarkets(Set.of(market));
                expected = expected.and(row -> row.market().equals(market));
            }
            if (random.nextInt(3) == 0) {
                BigDecimal min = BigDecimal.valueOf(random.nextInt(200));
                BigDecimal max = min.add(BigDecimal.valueOf(50 + random.nextInt(800)));
                query = query.withPriceBetween(min, max);
                expected = expected.and(row -> row.price().compareTo(min) >= 0 && row.price().compareTo(max) <= 0);
            }
            if (random.nextInt(3) == 0) {
                BigDecimal discount = BigDecimal.valueOf(random.nextInt(60));
                query = query.withMinDiscount(discount);
                expected = expected.and(row -> row.discount().compareTo(discount) >= 0);
            }
            if (random.nextInt(3) == 0) {
                BigDecimal reliability = new BigDecimal("0.80");
                query = query.withMinReliability(reliability);
                expected = expected.and(row -> row.reliability().compareTo(reliability) >= 0);
            }
            List<DealQuery.Sort> sorts = query.text() == null
                    ? List.of(DealQuery.Sort.NEWEST, DealQuery.Sort.DISCOUNT, DealQuery.Sort.PRICE)
                    : List.of(DealQuery.Sort.values());
            query = query.sortedBy(sorts.get(random.nextInt(sorts.size())));

            List<UUID> expectedIds = visible.stream().filter(expected).sorted(order(query.sort(), titleMatches)).map(Row::id).toList();
            int size = 3 + random.nextInt(38);
            for (int engine = 0; engine < engines.size(); engine++) {
                assertThat(allPages(engines.get(engine), query, size)).as("round %d, engine %d: %s", round, engine, query).isEqualTo(expectedIds);
            }
        }
    }

    @Test
    void pagesStayStableWhileDealsArrive(Deals deals, SeedData seed, TestDatabase test) {
        Deals smallProbe = test.deals(config -> config.searchProbeWindow(400));
        DealQuery query = DealQuery.all().withText("wireless").sortedBy(DealQuery.Sort.PRICE);
        List<UUID> before = allPages(deals, query, PageRequest.MAX_SIZE);
        var cheap = new ArrayList<UUID>();
        var dear = new ArrayList<UUID>();
        var seen = new ArrayList<UUID>();
        Page<DealView> page = smallProbe.catalog().search(query, PageRequest.first(9));
        for (int arrival = 0; ; arrival++) {
            page.items().forEach(deal -> seen.add(deal.id()));
            if (!page.hasMore()) {
                break;
            }
            cheap.add(arrive(deals, seed, "cheap-" + arrival, "1.00"));
            dear.add(arrive(deals, seed, "dear-" + arrival, (9000 + arrival) + ".00"));
            page = smallProbe.catalog().search(query, PageRequest.after(page.nextCursor().orElseThrow(), 9));
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).as("arrivals priced after the cursor show up, those before it do not").containsAll(dear).doesNotContainAnyElementsOf(cheap);
        assertThat(seen.stream().filter(id -> !dear.contains(id)).toList()).isEqualTo(before);
    }

    private static UUID arrive(Deals deals, SeedData seed, String name, String price) {
        var item = new DealInput("Wireless arrival " + name, null, "https://arrivals.example.com/" + name, null, new BigDecimal("9999.00"),
                new BigDecimal(price), seed.market("Amazon").id(), null, null);
        return deals.catalog().ingest(seed.source("Slickdeals Scraper").id(), List.of(item)).dealIds().get(0);
    }

    @Test
    void textSearchFindsTitleAndDescriptionWordsAndRanksTitleHitsFirst(Deals deals, TestDatabase test) {
        List<Row> visible = visibleDeals(test);
        List<UUID> expected = visible.stream().filter(row -> row.title().contains("Cast Iron Skillet")).map(Row::id).toList();

        List<UUID> found = allPages(deals, DealQuery.all().withText("cast iron skillet"), 25);

        assertThat(expected).isNotEmpty();
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
        Page<DealView> ranked = deals.catalog().search(DealQuery.all().withText("skillet"), PageRequest.first(5));
        assertThat(ranked.items()).allSatisfy(deal -> assertThat(deal.title()).contains("Skillet"));
    }

    @Test
    void relevanceOrderPagesWithoutDuplicatesOrGaps(Deals deals) {
        List<UUID> onePage = allPages(deals, DealQuery.all().withText("wireless"), 100);
        List<UUID> smallPages = allPages(deals, DealQuery.all().withText("wireless"), 7);

        assertThat(onePage).isNotEmpty().doesNotHaveDuplicates();
        assertThat(smallPages).isEqualTo(onePage);
    }

    @Test
    void hostileTextIsJustTextAndBadFiltersAreRefused(Deals deals) {
        assertThat(deals.catalog().search(DealQuery.all().withText("'; DROP TABLE deals; -- \\ $$ %_"), PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> deals.catalog().search(DealQuery.all().withMinDiscount(new BigDecimal("101")), PageRequest.first(10)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("query.minDiscount"));
        assertThatThrownBy(() -> deals.catalog().search(DealQuery.all().sortedBy(DealQuery.Sort.RELEVANCE), PageRequest.first(10)))
                .isInstanceOf(ValidationException.class);
        String cursor = deals.catalog().search(DealQuery.all(), PageRequest.first(2)).nextCursor().orElseThrow();
        assertThatThrownBy(() -> deals.catalog().search(DealQuery.all().sortedBy(DealQuery.Sort.PRICE), PageRequest.after(cursor, 2)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.cursor"));
        for (String forged : List.of("s2|NEWEST|0|yesterday|" + UUID.randomUUID(), "s2|NEWEST|1|2026-01-01T00:00Z|" + UUID.randomUUID(),
                "s2|PRICE|0|12.50|not-a-uuid", "s2|PRICE|0|12.50", "not even base64 ~~~")) {
            String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            DealQuery.Sort sort = forged.contains("PRICE") ? DealQuery.Sort.PRICE : DealQuery.Sort.NEWEST;
            for (String cursorText : List.of(encoded, forged)) {
                assertThatThrownBy(() -> deals.catalog().search(DealQuery.all().sortedBy(sort), PageRequest.after(cursorText, 2)))
                        .as(forged).isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.cursor"));
            }
        }
        assertThatThrownBy(() -> deals.catalog().search(DealQuery.all().withPriceBetween(BigDecimal.TEN, BigDecimal.ONE), PageRequest.first(2)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("query.maxPrice"));
    }

    private static List<UUID> allPages(Deals deals, DealQuery query, int size) {
        var ids = new ArrayList<UUID>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<DealView> page = deals.catalog().search(query, request);
            page.items().forEach(deal -> ids.add(deal.id()));
            if (!page.hasMore()) {
                return ids;
            }
            request = PageRequest.after(page.nextCursor().orElseThrow(), size);
        }
    }

    private static Comparator<Row> order(DealQuery.Sort sort, Set<UUID> titleMatches) {
        // PostgreSQL orders uuids byte by byte (as their text does); java.util.UUID compares signed longs.
        Comparator<Row> byId = Comparator.comparing(row -> row.id().toString());
        Comparator<Row> newest = Comparator.comparing(Row::createdAt).thenComparing(byId).reversed();
        return switch (sort) {
            case RELEVANCE -> Comparator.comparing((Row row) -> titleMatches.contains(row.id()) ? 0 : 1).thenComparing(newest);
            case NEWEST -> newest;
            case DISCOUNT -> Comparator.comparing(Row::discount).thenComparing(byId).reversed();
            case PRICE -> Comparator.comparing(Row::price).thenComparing(byId);
        };
    }

    private static Set<UUID> subtree(SeedData seed, SeedData.Category root) {
        var ids = new java.util.HashSet<UUID>();
        for (SeedData.Category category : seed.categories()) {
            if (category.path().equals(root.path()) || category.path().startsWith(root.path() + "/")) {
                ids.add(category.id());
            }
        }
        return ids;
    }

    /** The deals whose {@code vector} matches {@code text}: PostgreSQL's matching is the oracle, the rest is Java's. */
    private static Set<UUID> textMatches(TestDatabase test, String text, String vector) {
        return Set.copyOf(test.ownerDsl().fetch("SELECT d.id FROM deals.deals d WHERE " + vector + " @@ websearch_to_tsquery('english', ?)", text)
                .getValues(0, UUID.class));
    }

    private static List<Row> visibleDeals(TestDatabase test) {
        return test.ownerDsl().fetch("""
                SELECT d.id, d.market_id, d.category_id, d.current_price, d.discount_percentage, s.reliability_score, d.created_at, d.title
                FROM deals.deals d JOIN deals.sources s ON s.id = d.source_id
                WHERE d.status = 'active' AND (d.expires_at IS NULL OR d.expires_at > now())
                """).map((Record row) -> new Row(row.get(0, UUID.class), row.get(1, UUID.class), row.get(2, UUID.class), row.get(3, BigDecimal.class),
                row.get(4, BigDecimal.class), row.get(5, BigDecimal.class), row.get(6, OffsetDateTime.class), row.get(7, String.class)));
    }
}
