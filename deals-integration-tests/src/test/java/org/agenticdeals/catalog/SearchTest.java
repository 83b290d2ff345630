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

/** Every filter and order checked against a brute-force filter over the same deals, page by page. */
class SearchTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.large(3_000)).withDatabasePerClass();

    /** A deal as the brute force sees it. */
    record Row(UUID id, UUID market, UUID category, BigDecimal price, BigDecimal discount, BigDecimal reliability, OffsetDateTime createdAt,
               String title) {
    }

    @Test
    void randomFilterCombinationsReturnExactlyTheBruteForceAnswerInOrder(Deals deals, SeedData seed, TestDatabase test) {
        List<Row> visible = visibleDeals(test);
        var random = new SplittableRandom(42);
        for (int round = 0; round < 40; round++) {
            DealQuery query = DealQuery.all();
            Predicate<Row> expected = row -> true;
            if (random.nextBoolean()) {
                SeedData.Category category = seed.categories().get(random.nextInt(seed.categories().size()));
                Set<UUID> subtree = subtree(seed, category);
                query = query.withCategory(category.id());
                expected = expected.and(row -> subtree.contains(row.category()));
            }
            if (random.nextBoolean()) {
                UUID market = seed.markets().get(random.nextInt(8)).id();
                query = query.withMarkets(Set.of(market));
                expected = expected.and(row -> row.market().equals(market));
            }
            if (random.nextBoolean()) {
                BigDecimal min = BigDecimal.valueOf(random.nextInt(200));
                BigDecimal max = min.add(BigDecimal.valueOf(50 + random.nextInt(800)));
                query = query.withPriceBetween(min, max);
                expected = expected.and(row -> row.price().compareTo(min) >= 0 && row.price().compareTo(max) <= 0);
            }
            if (random.nextBoolean()) {
                BigDecimal discount = BigDecimal.valueOf(random.nextInt(60));
                query = query.withMinDiscount(discount);
                expected = expected.and(row -> row.discount().compareTo(discount) >= 0);
            }
            if (random.nextBoolean()) {
                BigDecimal reliability = new BigDecimal("0.80");
                query = query.withMinReliability(reliability);
                expected = expected.and(row -> row.reliability().compareTo(reliability) >= 0);
            }
            DealQuery.Sort sort = List.of(DealQuery.Sort.NEWEST, DealQuery.Sort.DISCOUNT, DealQuery.Sort.PRICE).get(random.nextInt(3));
            query = query.sortedBy(sort);

            List<UUID> expectedIds = visible.stream().filter(expected).sorted(order(sort)).map(Row::id).toList();
            assertThat(allPages(deals, query, 1 + random.nextInt(40))).as("round %d: %s", round, query).isEqualTo(expectedIds);
        }
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

    private static Comparator<Row> order(DealQuery.Sort sort) {
        // PostgreSQL orders uuids byte by byte (as their text does); java.util.UUID compares signed longs.
        Comparator<Row> byId = Comparator.comparing(row -> row.id().toString());
        return switch (sort) {
            case NEWEST, RELEVANCE -> Comparator.comparing(Row::createdAt).thenComparing(byId).reversed();
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

    private static List<Row> visibleDeals(TestDatabase test) {
        return test.ownerDsl().fetch("""
                SELECT d.id, d.market_id, d.category_id, d.current_price, d.discount_percentage, s.reliability_score, d.created_at, d.title
                FROM deals.deals d JOIN deals.sources s ON s.id = d.source_id
                WHERE d.status = 'active' AND (d.expires_at IS NULL OR d.expires_at > now())
                """).map((Record row) -> new Row(row.get(0, UUID.class), row.get(1, UUID.class), row.get(2, UUID.class), row.get(3, BigDecimal.class),
                row.get(4, BigDecimal.class), row.get(5, BigDecimal.class), row.get(6, OffsetDateTime.class), row.get(7, String.class)));
    }
}
