package org.agenticdeals.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GoalsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void aGoalIsCreatedWithItsParametersStoredAsJsonAndReadBack(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = test.fixtures().user().create().getId();
        UUID audio = seed.category("Electronics/Audio").id();
        GoalParameters parameters = GoalParameters.none().withKeywords("Headphones", "headphones", " noise cancelling ").withCategories(audio, audio)
                .withMaxPrice(new BigDecimal("250.00")).withMinDiscount(new BigDecimal("15")).withAlertThreshold(new BigDecimal("65"));

        Goal goal = deals.goals().create(user, new NewGoal(" Quiet flights ", "For the long haul", parameters, 2, Instant.now().plusSeconds(86_400)));

        assertThat(goal.title()).isEqualTo("Quiet flights");
        assertThat(goal.status()).isEqualTo(Goal.Status.ACTIVE);
        assertThat(goal.parameters().keywords()).as("trimmed, repeats dropped").containsExactly("Headphones", "noise cancelling");
        assertThat(goal.parameters().categories()).containsExactly(audio);
        assertThat(goal.parameters().maxMatches()).isEqualTo(GoalParameters.DEFAULT_MAX_MATCHES);
        assertThat(goal.progress()).isEqualTo(GoalProgress.none());
        String stored = test.ownerDsl().fetchValue("select parameters::text from deals.user_goals where id = ?", goal.id()).toString();
        assertThat(stored).contains("\"max_price\": 250.00").contains("\"any_keywords\": []").contains("\"alert_threshold\": 65");
        assertThat(GoalParameters.fromJson(goal.parameters().toJson())).isEqualTo(goal.parameters());
        assertThat(deals.goals().get(user, goal.id())).isEqualTo(goal);
    }

    @Test
    void badParametersAreRefusedNamingTheFieldAndNothingIsWritten(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = test.fixtures().user().create().getId();
        Map<String, Long> before = RowCounts.of(test);
        Map<String, Supplier<NewGoal>> cases = Map.of(
                "goal.title", () -> NewGoal.of("  ", GoalParameters.none().withKeywords("lamp")),
                "goal.priority", () -> new NewGoal("Lamp", null, GoalParameters.none().withKeywords("lamp"), 11, null),
                "parameters", () -> NewGoal.of("Nothing", GoalParameters.none()),
                "parameters.keywords[1]", () -> NewGoal.of("Stop words", GoalParameters.none().withKeywords("lamp", "the")),
                "parameters.categories", () -> NewGoal.of("Nowhere", GoalParameters.none().withCategories(UUID.randomUUID())),
                "parameters.minDiscount", () -> NewGoal.of("Too much", GoalParameters.none().withMinDiscount(new BigDecimal("101"))),
                "parameters.minSourceReliability", () -> NewGoal.of("Too sure", GoalParameters.none().withKeywords("lamp")
                        .withMinSourceReliability(new BigDecimal("1.5"))),
                "parameters.maxMatches", () -> NewGoal.of("Too many", GoalParameters.none().withKeywords("lamp").withMaxMatches(0)),
                "goal.targetDate", () -> new NewGoal("Past", null, GoalParameters.none().withKeywords("lamp"), 5, Instant.parse("2020-01-01T00:00:00Z")));
        cases.forEach((field, goal) -> assertThatThrownBy(() -> deals.goals().create(user, goal.get()))
                .as(field).isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo(field)));
        assertThatThrownBy(() -> GoalParameters.fromJson("{\"keywords\": [\"lamp\"], \"colour\": \"red\"}"))
                .isInstanceOfSatisfying(ValidationException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("parameters");
                    assertThat(refused.getMessage()).contains("colour");
                });
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void statusChangesFollowTheGoalsLifeAndAreRefusedFromAFinalStatus(Deals deals, TestDatabase test) {
        UUID user = test.fixtures().user().create().getId();
        Goal goal = deals.goals().create(user, NewGoal.of("Lamp", GoalParameters.none().withKeywords("lamp")));

        assertThat(deals.goals().pause(user, goal.id()).status()).isEqualTo(Goal.Status.PAUSED);
        assertThatThrownBy(() -> deals.goals().pause(user, goal.id())).isInstanceOfSatisfying(ConflictException.class,
                refused -> assertThat(refused.field()).isEqualTo("status"));
        assertThat(deals.goals().resume(user, goal.id()).status()).isEqualTo(Goal.Status.ACTIVE);
        Goal completed = deals.goals().complete(user, goal.id());
        assertThat(completed.status()).isEqualTo(Goal.Status.COMPLETED);
        assertThat(completed.completionDate()).isNotNull();
        assertThatThrownBy(() -> deals.goals().cancel(user, goal.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> deals.goals().update(user, goal.id(), current -> current.withTitle("Other"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyTheOwnerReachesAGoalAndItsMatches(Deals deals, SeedData seed, TestDatabase test) {
        UUID owner = test.fixtures().user().create().getId();
        UUID stranger = test.fixtures().user().create().getId();
        Goal goal = deals.goals().create(owner, NewGoal.of("Lamp", GoalParameters.none().withKeywords("lamp")));

        assertThatThrownBy(() -> deals.goals().get(stranger, goal.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.goals().matches(stranger, goal.id(), PageRequest.first(10))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.goals().pause(stranger, goal.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.goals().rematch(stranger, goal.id())).isInstanceOf(NotFoundException.class);
        assertThat(deals.goals().list(stranger, PageRequest.first(10)).items()).isEmpty();
        assertThat(test.dsl().fetchCount(org.agenticdeals.jooq.Tables.USER_GOALS)).as("row-level security, no WHERE").isZero();
    }

    @Test
    void goalsAreListedMostImportantFirstAndMatchesBestFirstPageByPage(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = test.fixtures().user().create().getId();
        var created = new ArrayList<Goal>();
        for (int index = 0; index < 9; index++) {
            created.add(deals.goals().create(user, new NewGoal("Goal " + index, null, GoalParameters.none().withKeywords("trumzel"), 1 + index % 4, null)));
        }
        List<Goal> listed = new ArrayList<>();
        Page<Goal> page = deals.goals().list(user, PageRequest.first(4));
        while (true) {
            listed.addAll(page.items());
            if (!page.hasMore()) {
                break;
            }
            page = deals.goals().list(user, PageRequest.after(page.nextCursor().orElseThrow(), 4));
        }
        assertThat(listed).extracting(Goal::priority).isSorted().hasSize(9);
        assertThat(listed).extracting(Goal::id).doesNotHaveDuplicates();

        var batch = new ArrayList<DealInput>();
        for (int index = 0; index < 12; index++) {
            batch.add(new DealInput("Trumzel " + index, "trumzel", "https://goals.example.com/" + index, null, new BigDecimal("100.00"),
                    BigDecimal.valueOf(40 + index * 5), seed.market("Amazon").id(), null, null));
        }
        deals.goals().matchNewDeals(deals.catalog().ingest(seed.source("Slickdeals Scraper").id(), batch).dealIds());
        var matches = new ArrayList<GoalMatch>();
        Page<GoalMatch> matchPage = deals.goals().matches(user, created.get(0).id(), PageRequest.first(5));
        while (true) {
            matches.addAll(matchPage.items());
            if (!matchPage.hasMore()) {
                break;
            }
            matchPage = deals.goals().matches(user, created.get(0).id(), PageRequest.after(matchPage.nextCursor().orElseThrow(), 5));
        }
        assertThat(matches).hasSize(12).extracting(GoalMatch::dealId).doesNotHaveDuplicates();
        assertThat(matches).extracting(GoalMatch::relevance).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThatThrownBy(() -> deals.goals().matches(user, created.get(0).id(), PageRequest.after("bm90IGEgY3Vyc29y", 5)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.cursor"));
    }

    @Test
    void theExpiryJobExpiresOpenGoalsPastTheirTargetDate(SeedData seed, TestDatabase test) {
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        Deals deals = test.deals(builder -> builder.clock(clock));
        UUID user = test.fixtures().user().create().getId();
        Goal soon = deals.goals().create(user, new NewGoal("Soon", null, GoalParameters.none().withKeywords("lamp"), 5, clock.instant().plusSeconds(60)));
        Goal later = deals.goals().create(user, new NewGoal("Later", null, GoalParameters.none().withKeywords("lamp"), 5, clock.instant().plusSeconds(86_400)));
        Goal done = deals.goals().create(user, new NewGoal("Done", null, GoalParameters.none().withKeywords("lamp"), 5, clock.instant().plusSeconds(60)));
        deals.goals().complete(user, done.id());
        clock.advance(Duration.ofMinutes(5));

        deals.goals().expireDue();

        assertThat(deals.goals().get(user, soon.id()).status()).isEqualTo(Goal.Status.EXPIRED);
        assertThat(deals.goals().get(user, later.id()).status()).isEqualTo(Goal.Status.ACTIVE);
        assertThat(deals.goals().get(user, done.id()).status()).isEqualTo(Goal.Status.COMPLETED);
        assertThat(deals.goals().expireDue()).isZero();
    }
}
