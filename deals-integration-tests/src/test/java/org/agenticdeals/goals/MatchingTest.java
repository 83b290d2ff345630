package org.agenticdeals.goals;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.GOAL_DEALS;
import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;
import static org.agenticdeals.jooq.Tables.SOURCES;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.agenticdeals.Deals;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.GoalDealStatus;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Matching checked against {@link BruteForce} on random goals and deals: every parameter, the relevance formula,
 * caps, retirement of matches that no longer hold, rematch, and two runs racing over the same deals.
 */
class MatchingTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    /** Made-up words: no seeded deal holds them, each is its own stem, none is a stop word. */
    static final List<String> WORDS = List.of("zorblat", "quimbex", "fradnok", "plovix", "trumzel", "vexdor", "glimbo", "snarvik", "drobul",
            "kwantor", "blipzo", "morvex", "tazzle", "yornik", "flubdor", "crindle", "hovmat", "jaxtul", "nurbic", "pezzot");

    @Test
    void aBatchMeetsEveryActiveGoalExactlyAsTheBruteForceMatcherSays(Deals deals, SeedData seed, Fixtures fixtures, TestDatabase test) {
        DSLContext dsl = test.ownerDsl();
        var random = new SplittableRandom(7);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 400, "a");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 150);

        MatchRun run = deals.goals().matchNewDeals(dealIds);

        Map<UUID, Map<UUID, BigDecimal>> expected = expected(goals, loadDeals(dsl, dealIds), parents(dsl), Instant.now());
        assertThat(activeMatches(dsl, goals)).isEqualTo(expected);
        int matches = expected.values().stream().mapToInt(Map::size).sum();
        assertThat(matches).as("the random data must exercise matching").isGreaterThan(200);
        assertThat(run.matchesAdded()).isEqualTo(matches);
        assertThat(run.goalsMatched()).isEqualTo((int) expected.values().stream().filter(found -> !found.isEmpty()).count());
        assertThat(deals.goals().matchNewDeals(dealIds)).as("the same deals again change nothing").isEqualTo(new MatchRun(run.goalsMatched(), 0, 0, 0, 0, 0));
        for (Goal goal : goals) {
            GoalProgress progress = deals.goals().get(goal.userId(), goal.id()).progress();
            Map<UUID, BigDecimal> found = expected.get(goal.id());
            assertThat(progress.matchesFound()).isEqualTo(found.size());
            if (!found.isEmpty()) {
                assertThat(progress.bestScore()).isEqualByComparingTo(found.values().stream().max(BigDecimal::compareTo).orElseThrow());
                assertThat(progress.lastMatchedAt()).isNotNull();
            }
        }
    }

    @Test
    void aLaterBatchRetiresMatchesThatNoLongerHoldAndKeepsEachGoalsBest(Deals deals, SeedData seed, Fixtures fixtures, TestDatabase test) {
        DSLContext dsl = test.ownerDsl();
        var random = new SplittableRandom(11);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 300, "b");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 100);
        deals.goals().matchNewDeals(dealIds);
        Map<UUID, Map<UUID, BigDecimal>> before = activeMatches(dsl, goals);
        Map<UUID, Map<UUID, GoalDealStatus>> rowsBefore = matchRows(dsl, goals);
        Map<UUID, Set<UUID>> alertedBefore = alerted(dsl, goals);

        // A third of the deals change: new prices (some past goals' maximums), new words, some removed.
        List<UUID> changed = new ArrayList<>();
        var reingested = new ArrayList<DealInput>();
        List<BruteForce.Deal> stored = loadDeals(dsl, dealIds);
        for (BruteForce.Deal deal : stored) {
            if (random.nextInt(3) == 0) {
                changed.add(deal.id());
                reingested.add(randomInput(seed, random, dsl.select(DEALS.URL).from(DEALS).where(DEALS.ID.eq(deal.id())).fetchOne(DEALS.URL)));
            }
        }
        UUID source = seed.source("Slickdeals Scraper").id();
        deals.catalog().ingest(source, reingested);
        UUID admin = seed.admin().id();
        changed.stream().limit(15).forEach(id -> deals.catalog().remove(admin, id));

        MatchRun run = deals.goals().matchNewDeals(changed);

        Map<UUID, BruteForce.Deal> now = new HashMap<>();
        loadDeals(dsl, dealIds).forEach(deal -> now.put(deal.id(), deal));
        Map<UUID, UUID> parents = parents(dsl);
        List<BruteForce.Deal> changedDeals = changed.stream().map(now::get).toList();
        for (Goal goal : goals) {
            // The goal's matches outside the batch keep their scores and compete with the batch's for the cap.
            Map<UUID, BigDecimal> outside = new HashMap<>(before.get(goal.id()));
            outside.keySet().removeAll(changed);
            Map<UUID, BigDecimal> after = expectedAfter(goal, outside, changedDeals, parents);
            assertThat(activeMatches(dsl, List.of(goal)).get(goal.id())).as("matches of goal %s", goal.title()).isEqualTo(after);
            // A match that no longer holds stays, inactive; one that holds but lost its place under the cap is deleted
            // unless it was alerted (its row remembers that).
            Set<UUID> holding = BruteForce.matches(goal, changedDeals, parents, Instant.now()).stream().map(BruteForce.Match::dealId)
                    .collect(Collectors.toSet());
            Set<UUID> lapsed = before.get(goal.id()).keySet().stream().filter(changed::contains).filter(deal -> !holding.contains(deal))
                    .collect(Collectors.toSet());
            assertThat(matchRows(dsl, List.of(goal)).get(goal.id())).as("rows of goal %s", goal.title())
                    .isEqualTo(rowsAfter(rowsBefore.get(goal.id()), alertedBefore.get(goal.id()), after.keySet(), lapsed));
        }
        assertThat(run.matchesRetired()).isPositive();

        // A batch of new deals meets goals that are full: only deals that beat a goal's worst match get in.
        Map<UUID, Map<UUID, BigDecimal>> full = activeMatches(dsl, goals);
        Map<UUID, Map<UUID, GoalDealStatus>> rowsOfFull = matchRows(dsl, goals);
        Map<UUID, Set<UUID>> alertedOfFull = alerted(dsl, goals);
        List<UUID> fresh = ingestRandomDeals(deals, seed, random, 300, "b-new");
        MatchRun pushing = deals.goals().matchNewDeals(fresh);
        List<BruteForce.Deal> freshDeals = loadDeals(dsl, fresh);
        int pushedOut = 0;
        int deleted = 0;
        for (Goal goal : goals) {
            Map<UUID, BigDecimal> after = expectedAfter(goal, full.get(goal.id()), freshDeals, parents);
            assertThat(activeMatches(dsl, List.of(goal)).get(goal.id())).as("matches of goal %s after new deals", goal.title()).isEqualTo(after);
            assertThat(matchRows(dsl, List.of(goal)).get(goal.id())).as("rows of goal %s after new deals", goal.title())
                    .isEqualTo(rowsAfter(rowsOfFull.get(goal.id()), alertedOfFull.get(goal.id()), after.keySet(), Set.of()));
            List<UUID> lost = full.get(goal.id()).keySet().stream().filter(deal -> !after.containsKey(deal)).toList();
            pushedOut += lost.size();
            deleted += (int) lost.stream().filter(deal -> !alertedOfFull.get(goal.id()).contains(deal)).count();
        }
        assertThat(deleted).as("the random data must push out matches never alerted").isPositive();
        assertThat(pushedOut - deleted).as("the random data must push out alerted matches").isPositive();
        assertThat(pushing.matchesRetired()).isEqualTo(pushedOut);
        assertThat(dsl.fetchCount(GOAL_DEALS.join(DEALS).on(DEALS.ID.eq(GOAL_DEALS.DEAL_ID)),
                GOAL_DEALS.STATUS.eq(GoalDealStatus.ACTIVE).and(DEALS.STATUS.eq(DealStatus.REMOVED))
                        .and(GOAL_DEALS.GOAL_ID.in(goals.stream().map(Goal::id).toList()))))
                .as("removed deals never match").isZero();
    }

    @Test
    void aGoalHoldingMoreThanItsCapKeepsOnlyItsBestOnceNewDealsArrive(Deals deals, SeedData seed, Fixtures fixtures, TestDatabase test) {
        DSLContext dsl = test.ownerDsl();
        var random = new SplittableRandom(13);
        List<UUID> first = ingestRandomDeals(deals, seed, random, 300, "c");
        List<Goal> created = createRandomGoals(deals, seed, fixtures, random, 80);
        deals.goals().matchNewDeals(first);
        // Caps lowered behind the library's back (no rematch): those goals hold more matches than they may keep, so
        // the next batch must rank all of them, not only the lowest few it ranks when a goal is within its cap.
        Map<UUID, Map<UUID, BigDecimal>> before = activeMatches(dsl, created);
        int lowered = 0;
        for (Goal goal : created) {
            int held = before.get(goal.id()).size();
            if (held >= 4 && lowered++ % 2 == 0) {
                dsl.execute("update deals.user_goals set parameters = jsonb_set(parameters, '{max_matches}', to_jsonb(?::int)) where id = ?",
                        held / 2, goal.id());
            }
        }
        assertThat(lowered).as("the random data must give goals to cut down").isGreaterThan(4);
        List<Goal> goals = created.stream().map(goal -> deals.goals().get(goal.userId(), goal.id())).toList();

        List<UUID> fresh = ingestRandomDeals(deals, seed, random, 300, "c-new");
        deals.goals().matchNewDeals(fresh);

        List<BruteForce.Deal> freshDeals = loadDeals(dsl, fresh);
        Map<UUID, UUID> parents = parents(dsl);
        int rankedOverCap = 0;
        for (Goal goal : goals) {
            Map<UUID, BigDecimal> expected = expectedAfter(goal, before.get(goal.id()), freshDeals, parents);
            Map<UUID, BigDecimal> found = activeMatches(dsl, List.of(goal)).get(goal.id());
            if (expected.keySet().stream().anyMatch(fresh::contains)) {
                assertThat(found).as("matches of goal %s", goal.title()).isEqualTo(expected);
            } else {
                // Only a run that brings a goal a match that can enter it ranks the goal and applies its cap: a goal
                // whose new matches all fall below its worst one may keep what it held.
                assertThat(found).as("matches of goal %s", goal.title()).isIn(expected, before.get(goal.id()));
            }
            rankedOverCap += found.size() < before.get(goal.id()).size() ? 1 : 0;
        }
        assertThat(rankedOverCap).as("goals over their cap cut down").isPositive();
    }

    @Test
    void rematchRecomputesOneGoalOverTheWholeCatalog(Deals deals, SeedData seed, Fixtures fixtures, TestDatabase test) {
        DSLContext dsl = test.ownerDsl();
        var random = new SplittableRandom(13);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 300, "c");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 40);
        deals.goals().matchNewDeals(dealIds);
        List<BruteForce.Deal> catalog = loadDeals(dsl, dsl.select(DEALS.ID).from(DEALS).fetch(DEALS.ID));
        Map<UUID, UUID> parents = parents(dsl);

        int deleted = 0;
        for (Goal goal : goals) {
            GoalParameters changed = randomParameters(seed, random).withMaxMatches(1 + random.nextInt(30));
            Goal updated = deals.goals().update(goal.userId(), goal.id(), current -> current.withParameters(changed));
            Map<UUID, GoalDealStatus> before = matchRows(dsl, List.of(goal)).get(goal.id());
            Set<UUID> alerted = alerted(dsl, List.of(goal)).get(goal.id());
            deals.goals().rematch(goal.userId(), goal.id());

            List<BruteForce.Match> holding = BruteForce.matches(updated, catalog, parents, Instant.now());
            Map<UUID, BigDecimal> best = BruteForce.best(holding, changed.maxMatches());
            assertThat(activeMatches(dsl, List.of(updated)).get(goal.id())).as("matches of %s", changed).isEqualTo(best);
            // The matches that no longer hold stay, inactive; those that hold but lost their place are deleted unless
            // they were alerted.
            Set<UUID> holds = holding.stream().map(BruteForce.Match::dealId).collect(Collectors.toSet());
            Set<UUID> lapsed = before.keySet().stream().filter(deal -> !holds.contains(deal)).collect(Collectors.toSet());
            assertThat(matchRows(dsl, List.of(goal)).get(goal.id())).as("rows of %s", changed)
                    .isEqualTo(rowsAfter(before, alerted, best.keySet(), lapsed));
            deleted += (int) before.keySet().stream()
                    .filter(deal -> holds.contains(deal) && !best.containsKey(deal) && !alerted.contains(deal)).count();
        }
        assertThat(deleted).as("the random data must make rematches delete matches past a lowered cap").isPositive();
    }

    @Test
    void twoRunsRacingOverTheSameDealsNeitherDoubleAMatchNorAnAlert(Deals deals, SeedData seed, Fixtures fixtures, TestDatabase test) throws Exception {
        DSLContext dsl = test.ownerDsl();
        var random = new SplittableRandom(17);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 300, "d");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 80);
        var threads = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        var runs = new ArrayList<Future<MatchRun>>();
        for (int thread = 0; thread < 4; thread++) {
            runs.add(threads.submit(() -> {
                start.await();
                return deals.goals().matchNewDeals(dealIds);
            }));
        }
        start.countDown();
        int added = 0;
        int alerts = 0;
        int digested = 0;
        for (Future<MatchRun> run : runs) {
            added += run.get().matchesAdded();
            alerts += run.get().alertsCreated();
            digested += run.get().matchesDigested();
        }
        threads.shutdown();

        Map<UUID, Map<UUID, BigDecimal>> expected = expected(goals, loadDeals(dsl, dealIds), parents(dsl), Instant.now());
        assertThat(activeMatches(dsl, goals)).isEqualTo(expected);
        assertThat(added).as("each match added by exactly one run").isEqualTo(expected.values().stream().mapToInt(Map::size).sum());
        var goalIds = goals.stream().map(Goal::id).toList();
        assertThat(dsl.fetchCount(NOTIFICATIONS, NOTIFICATIONS.GOAL_ID.in(goalIds).and(NOTIFICATIONS.DEAL_ID.isNotNull()))).isEqualTo(alerts);
        int alertWorthy = 0;
        for (Goal goal : goals) {
            alertWorthy += (int) expected.get(goal.id()).values().stream().filter(score -> score.compareTo(goal.parameters().alertThreshold()) >= 0).count();
        }
        assertThat(alerts + digested).as("every alert-worthy match alerted or digested once").isEqualTo(alertWorthy);
    }

    // ------------------------------------------------------------------------------------------- data

    static List<UUID> ingestRandomDeals(Deals deals, SeedData seed, SplittableRandom random, int count, String prefix) {
        List<UUID> sources = List.of(seed.source("Slickdeals Scraper").id(), seed.source("Amazon Product Advertising API").id(),
                seed.source("Walmart Affiliate Feed").id());
        var ids = new ArrayList<UUID>();
        for (UUID source : sources) {
            var batch = new ArrayList<DealInput>();
            for (int index = 0; index < count / sources.size(); index++) {
                batch.add(randomInput(seed, random, "https://match.example.com/" + prefix + "/" + source + "/" + index));
            }
            IngestionResult result = deals.catalog().ingest(source, batch);
            assertThat(result.refused()).isEmpty();
            ids.addAll(result.dealIds());
        }
        return ids;
    }

    static DealInput randomInput(SeedData seed, SplittableRandom random, String url) {
        var activeMarkets = seed.markets().stream().filter(market -> market.status().name().equals("ACTIVE")).toList();
        BigDecimal original = BigDecimal.valueOf(2_000 + random.nextInt(60_000), 2);
        BigDecimal current = original.multiply(BigDecimal.valueOf(100 - random.nextInt(80))).divide(BigDecimal.valueOf(100), 2,
                java.math.RoundingMode.HALF_UP);
        var categories = seed.categories();
        return new DealInput(words(random, 3), words(random, 6), url, null, original, current,
                activeMarkets.get(random.nextInt(activeMarkets.size())).id(),
                random.nextInt(10) == 0 ? null : categories.get(random.nextInt(categories.size())).id(), null);
    }

    static List<Goal> createRandomGoals(Deals deals, SeedData seed, Fixtures fixtures, SplittableRandom random, int count) {
        var users = new ArrayList<UUID>();
        for (int user = 0; user < 10; user++) {
            users.add(fixtures.user().create().getId());
        }
        var goals = new ArrayList<Goal>();
        for (int index = 0; index < count; index++) {
            GoalParameters parameters = randomParameters(seed, random);
            goals.add(deals.goals().create(users.get(index % users.size()), new NewGoal("Goal " + index, null, parameters, 1 + random.nextInt(10), null)));
        }
        return goals;
    }

    static GoalParameters randomParameters(SeedData seed, SplittableRandom random) {
        GoalParameters parameters = GoalParameters.none().withMaxMatches(1 + random.nextInt(25))
                .withAlertThreshold(BigDecimal.valueOf(random.nextInt(100)));
        do {
            if (random.nextInt(2) == 0) {
                parameters = parameters.withKeywords(keywords(random, 1 + random.nextInt(2)));
            }
            if (random.nextInt(3) == 0) {
                // Up to four any-of keywords: with two keywords, more terms than the matching statement counts unrolled.
                // Some repeat each other's words ("a", "a b"): a deal then hits more keywords than it holds distinct
                // words, which the candidate bound of full any-of goals must allow for.
                String[] anyOf = keywords(random, 1 + random.nextInt(4));
                if (anyOf.length > 1 && random.nextInt(2) == 0) {
                    anyOf[anyOf.length - 1] = anyOf[0] + " " + anyOf[anyOf.length - 2];
                }
                parameters = parameters.withAnyKeywords(anyOf);
            }
            if (random.nextInt(4) == 0) {
                parameters = parameters.withExcludedKeywords(keywords(random, 1));
            }
            if (random.nextInt(3) == 0) {
                var categories = seed.categories();
                parameters = parameters.withCategories(categories.get(random.nextInt(categories.size())).id(),
                        categories.get(random.nextInt(categories.size())).id());
            }
            if (random.nextInt(4) == 0) {
                parameters = parameters.withMarkets(seed.markets().get(random.nextInt(seed.markets().size())).id());
            }
            if (random.nextInt(3) == 0) {
                parameters = parameters.withMaxPrice(BigDecimal.valueOf(5_000 + random.nextInt(40_000), 2));
            }
            if (random.nextInt(3) == 0) {
                parameters = parameters.withMinDiscount(BigDecimal.valueOf(random.nextInt(60)));
            }
            if (random.nextInt(4) == 0) {
                parameters = parameters.withMinSourceReliability(BigDecimal.valueOf(80 + random.nextInt(20), 2));
            }
        } while (parameters.keywords().isEmpty() && parameters.anyKeywords().isEmpty() && parameters.categories().isEmpty()
                && parameters.markets().isEmpty() && parameters.maxPrice() == null && parameters.minDiscount() == null);
        return parameters;
    }

    private static String words(SplittableRandom random, int count) {
        var words = new ArrayList<String>();
        for (int index = 0; index < count; index++) {
            words.add(random.nextInt(4) == 0 ? WORDS.get(random.nextInt(WORDS.size())).toUpperCase(java.util.Locale.ROOT)
                    : WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", words);
    }

    private static String[] keywords(SplittableRandom random, int count) {
        var keywords = new ArrayList<String>();
        for (int index = 0; index < count; index++) {
            keywords.add(random.nextInt(5) == 0 ? words(random, 2) : words(random, 1));
        }
        return keywords.toArray(String[]::new);
    }

    static Map<UUID, Map<UUID, BigDecimal>> expected(List<Goal> goals, List<BruteForce.Deal> deals, Map<UUID, UUID> parents, Instant now) {
        var expected = new HashMap<UUID, Map<UUID, BigDecimal>>();
        for (Goal goal : goals) {
            expected.put(goal.id(), BruteForce.best(BruteForce.matches(goal, deals, parents, now), goal.parameters().maxMatches()));
        }
        return expected;
    }

    /**
     * What a batch run over {@code batch} leaves {@code goal} holding, by the brute-force matcher: the best of its
     * matches outside the batch ({@code kept}, with their scores) and the batch's matches, under its cap.
     */
    static Map<UUID, BigDecimal> expectedAfter(Goal goal, Map<UUID, BigDecimal> kept, List<BruteForce.Deal> batch, Map<UUID, UUID> parents) {
        var candidates = new ArrayList<BruteForce.Match>();
        kept.forEach((deal, score) -> candidates.add(new BruteForce.Match(deal, score)));
        candidates.addAll(BruteForce.matches(goal, batch, parents, Instant.now()));
        return BruteForce.best(candidates, goal.parameters().maxMatches());
    }

    static List<BruteForce.Deal> loadDeals(DSLContext dsl, List<UUID> ids) {
        return dsl.select(DEALS.ID, DEALS.TITLE, DEALS.DESCRIPTION, DEALS.CURRENT_PRICE, DEALS.DISCOUNT_PERCENTAGE, DEALS.MARKET_ID, DEALS.CATEGORY_ID,
                        SOURCES.RELIABILITY_SCORE, DEALS.STATUS, DEALS.EXPIRES_AT)
                .from(DEALS).join(SOURCES).on(SOURCES.ID.eq(DEALS.SOURCE_ID))
                .where(DEALS.ID.in(ids))
                .fetch(row -> new BruteForce.Deal(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6(), row.value7(),
                        row.value8() == null ? BigDecimal.ZERO : row.value8(), row.value9() == DealStatus.ACTIVE,
                        row.value10() == null ? null : row.value10().toInstant()));
    }

    static Map<UUID, UUID> parents(DSLContext dsl) {
        var parents = new HashMap<UUID, UUID>();
        dsl.select(CATEGORIES.ID, CATEGORIES.PARENT_ID).from(CATEGORIES).forEach(row -> parents.put(row.value1(), row.value2()));
        return parents;
    }

    /**
     * The {@code goal_deals} rows a run leaves a goal, from those it had ({@code rows}, the {@code alerted} ones among
     * them): {@code active} (the matches it holds) active; inactive, the inactive rows it had, {@code lapsed} (matches
     * that no longer hold) and alerted matches pushed past the cap; no row for the others pushed past the cap.
     */
    static Map<UUID, GoalDealStatus> rowsAfter(Map<UUID, GoalDealStatus> rows, Set<UUID> alerted, Set<UUID> active, Set<UUID> lapsed) {
        var after = new HashMap<UUID, GoalDealStatus>();
        rows.forEach((deal, status) -> {
            if (status == GoalDealStatus.INACTIVE || lapsed.contains(deal) || alerted.contains(deal)) {
                after.put(deal, GoalDealStatus.INACTIVE);
            }
        });
        active.forEach(deal -> after.put(deal, GoalDealStatus.ACTIVE));
        return after;
    }

    static Map<UUID, Map<UUID, GoalDealStatus>> matchRows(DSLContext dsl, List<Goal> goals) {
        var rows = new HashMap<UUID, Map<UUID, GoalDealStatus>>();
        goals.forEach(goal -> rows.put(goal.id(), new HashMap<>()));
        dsl.select(GOAL_DEALS.GOAL_ID, GOAL_DEALS.DEAL_ID, GOAL_DEALS.STATUS).from(GOAL_DEALS)
                .where(GOAL_DEALS.GOAL_ID.in(goals.stream().map(Goal::id).toList()))
                .forEach(row -> rows.get(row.value1()).put(row.value2(), row.value3()));
        return rows;
    }

    static Map<UUID, Set<UUID>> alerted(DSLContext dsl, List<Goal> goals) {
        var alerted = new HashMap<UUID, Set<UUID>>();
        goals.forEach(goal -> alerted.put(goal.id(), new HashSet<>()));
        dsl.select(GOAL_DEALS.GOAL_ID, GOAL_DEALS.DEAL_ID).from(GOAL_DEALS)
                .where(GOAL_DEALS.GOAL_ID.in(goals.stream().map(Goal::id).toList())).and(GOAL_DEALS.ALERTED_AT.isNotNull())
                .forEach(row -> alerted.get(row.value1()).add(row.value2()));
        return alerted;
    }

    static Map<UUID, Map<UUID, BigDecimal>> activeMatches(DSLContext dsl, List<Goal> goals) {
        var matches = new HashMap<UUID, Map<UUID, BigDecimal>>();
        goals.forEach(goal -> matches.put(goal.id(), new HashMap<>()));
        dsl.select(GOAL_DEALS.GOAL_ID, GOAL_DEALS.DEAL_ID, GOAL_DEALS.RELEVANCE_SCORE).from(GOAL_DEALS)
                .where(GOAL_DEALS.GOAL_ID.in(goals.stream().map(Goal::id).toList())).and(GOAL_DEALS.STATUS.eq(GoalDealStatus.ACTIVE))
                .forEach(row -> matches.get(row.value1()).put(row.value2(), row.value3()));
        return matches;
    }
}
