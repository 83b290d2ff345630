package org.agenticdeals.goals;

import static org.agenticdeals.goals.MatchingTest.activeMatches;
import static org.agenticdeals.goals.MatchingTest.createRandomGoals;
import static org.agenticdeals.goals.MatchingTest.expected;
import static org.agenticdeals.goals.MatchingTest.ingestRandomDeals;
import static org.agenticdeals.goals.MatchingTest.loadDeals;
import static org.agenticdeals.goals.MatchingTest.parents;
import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch matched in goal shards on several connections ({@code DealsConfig.matchingParallelism}, decisions.md D56)
 * lands exactly as in one transaction; a pool with no connection to spare still matches it; a shard that fails
 * leaves the others' work, and the same call again completes the batch without doubling a match or an alert.
 */
class ShardedMatchingTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @ParameterizedTest(name = "matchingParallelism {0}")
    @ValueSource(ints = {1, 2, 3, 16})
    void everyParallelismMatchesTheBatchAsTheBruteForceMatcherSays(int parallelism, TestDatabase test, SeedData seed, Fixtures fixtures) {
        Deals deals = test.deals(builder -> builder.matchingParallelism(parallelism));
        var random = new SplittableRandom(23);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 300, "sharded");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 120);

        MatchRun run = deals.goals().matchNewDeals(dealIds);

        Map<UUID, Map<UUID, BigDecimal>> expected = expected(goals, loadDeals(test.ownerDsl(), dealIds), parents(test.ownerDsl()), Instant.now());
        assertThat(activeMatches(test.ownerDsl(), goals)).isEqualTo(expected);
        assertThat(run.matchesAdded()).isEqualTo(expected.values().stream().mapToInt(Map::size).sum()).isGreaterThan(100);
        assertThat(run.goalsMatched()).isEqualTo((int) expected.values().stream().filter(found -> !found.isEmpty()).count());
        assertThat(run.alertsCreated() + run.matchesDigested()).isEqualTo(alertWorthy(goals, expected));
        assertThat(deals.goals().matchNewDeals(dealIds)).isEqualTo(new MatchRun(run.goalsMatched(), 0, 0, 0, 0, 0));
    }

    @Test
    void aPoolWithNoConnectionToSpareStillMatchesALargeBatch(TestDatabase test, SeedData seed, Fixtures fixtures) {
        var config = new HikariConfig();
        config.setJdbcUrl(test.application().jdbcUrl());
        config.setUsername(test.application().user());
        config.setPassword(test.application().password());
        config.setMaximumPoolSize(1);
        var random = new SplittableRandom(29);
        List<UUID> dealIds;
        List<Goal> goals;
        try (var onlyOne = new HikariDataSource(config)) {
            Deals deals = Deals.create(DealsConfig.builder().dataSource(onlyOne).bcryptCost(4).matchingParallelism(4).build());
            dealIds = ingestRandomDeals(deals, seed, random, 300, "one-connection");
            goals = createRandomGoals(deals, seed, fixtures, random, 60);

            deals.goals().matchNewDeals(dealIds);
        }

        assertThat(activeMatches(test.ownerDsl(), goals))
                .isEqualTo(expected(goals, loadDeals(test.ownerDsl(), dealIds), parents(test.ownerDsl()), Instant.now()));
    }

    @Test
    void aShardThatFailsLeavesTheOthersWorkAndTheSameCallAgainCompletesTheBatch(TestDatabase test, SeedData seed, Fixtures fixtures)
            throws Exception {
        Deals deals = test.deals(builder -> builder.matchingParallelism(2).lockTimeout(Duration.ofMillis(300)));
        var random = new SplittableRandom(31);
        List<UUID> dealIds = ingestRandomDeals(deals, seed, random, 300, "failing-shard");
        List<Goal> goals = createRandomGoals(deals, seed, fixtures, random, 120);
        DSLContext owner = test.ownerDsl();
        Map<UUID, Map<UUID, BigDecimal>> expected = expected(goals, loadDeals(owner, dealIds), parents(owner), Instant.now());
        // The second of two shards holds the odd slots: another session holds the lock of one of them.
        List<Goal> blocked = goals.stream().filter(goal -> ShardedRun.slot(goal.id()) % 2 == 1).toList();
        List<Goal> free = goals.stream().filter(goal -> ShardedRun.slot(goal.id()) % 2 == 0).toList();
        assertThat(blocked).as("random ids fall into both shards").isNotEmpty();
        assertThat(free).isNotEmpty();

        try (Connection holder = test.ownerDataSource().getConnection();
             PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            Goal inLockedSlot = blocked.get(0);
            lock.setString(1, "agentic-deals:deals:goal-matching:" + ShardedRun.slot(inLockedSlot.id()));
            lock.execute();

            assertThatThrownBy(() -> deals.goals().matchNewDeals(dealIds)).isInstanceOfSatisfying(DealsDataAccessException.class,
                    timedOut -> assertThat(timedOut.code()).isEqualTo(ErrorCode.TIMEOUT));
            assertThatThrownBy(() -> deals.goals().rematch(inLockedSlot.userId(), inLockedSlot.id()))
                    .as("a rematch waits for its goal's slot").isInstanceOf(DealsDataAccessException.class);
            deals.goals().rematch(free.get(0).userId(), free.get(0).id());
        }

        assertThat(activeMatches(owner, free)).as("the shard that committed").isEqualTo(subset(expected, free));
        assertThat(activeMatches(owner, blocked).values()).as("the shard that failed wrote nothing").allMatch(Map::isEmpty);
        int freeAlerts = alertsFor(owner, free);

        MatchRun again = deals.goals().matchNewDeals(dealIds);

        assertThat(activeMatches(owner, goals)).isEqualTo(expected);
        assertThat(again.matchesAdded()).isEqualTo(subset(expected, blocked).values().stream().mapToInt(Map::size).sum());
        assertThat(alertsFor(owner, free)).as("no alert again for the shard that committed").isEqualTo(freeAlerts);
        assertThat(again.alertsCreated() + again.matchesDigested()).isEqualTo(alertWorthy(blocked, expected));
    }

    private static Map<UUID, Map<UUID, BigDecimal>> subset(Map<UUID, Map<UUID, BigDecimal>> matches, List<Goal> goals) {
        var subset = new java.util.HashMap<UUID, Map<UUID, BigDecimal>>();
        goals.forEach(goal -> subset.put(goal.id(), matches.get(goal.id())));
        return subset;
    }

    private static int alertWorthy(List<Goal> goals, Map<UUID, Map<UUID, BigDecimal>> expected) {
        int worthy = 0;
        for (Goal goal : goals) {
            worthy += (int) expected.get(goal.id()).values().stream().filter(score -> score.compareTo(goal.parameters().alertThreshold()) >= 0).count();
        }
        return worthy;
    }

    private static int alertsFor(DSLContext owner, List<Goal> goals) {
        return owner.fetchCount(NOTIFICATIONS, NOTIFICATIONS.GOAL_ID.in(goals.stream().map(Goal::id).toList()).and(NOTIFICATIONS.TYPE.eq(
                org.agenticdeals.jooq.enums.NotificationType.DEAL_ALERT)));
    }
}
