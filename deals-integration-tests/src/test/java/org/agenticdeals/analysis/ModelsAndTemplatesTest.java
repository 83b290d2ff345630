package org.agenticdeals.analysis;

import static org.agenticdeals.jooq.Tables.AI_PROMPT_TEMPLATES;
import static org.agenticdeals.jooq.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.ModelUnavailableException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelsAndTemplatesTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void selectTakesTheCheapestActiveModelWithTheCapabilityElseTheFallbackElseRefuses(Deals deals, Fixtures fixtures) {
        UUID admin = fixtures.user().admin().create().getId();
        String usage = "selection_" + suffix();
        AiModel pricey = deals.analysis().registerModel(admin, model("pricey-" + suffix(), "4", usage));
        AiModel cheap = deals.analysis().registerModel(admin, model("cheap-" + suffix(), "1.5", usage));
        AiModel fallback = deals.analysis().fallbackModel().orElseThrow();

        assertThat(deals.analysis().select(usage)).isEqualTo(cheap);
        deals.analysis().deactivateModel(admin, cheap.id());
        assertThat(deals.analysis().select(usage).id()).isEqualTo(pricey.id());
        deals.analysis().deactivateModel(admin, pricey.id());
        assertThat(deals.analysis().select(usage).id()).isEqualTo(fallback.id());

        deals.analysis().deactivateModel(admin, fallback.id());
        try {
            assertThatThrownBy(() -> deals.analysis().select(usage))
                    .isInstanceOfSatisfying(ModelUnavailableException.class, refusal -> assertThat(refusal.capability()).isEqualTo(usage));
        } finally {
            deals.analysis().activateModel(admin, fallback.id());
        }
        assertThat(deals.analysis().activateModel(admin, cheap.id()).active()).isTrue();
        assertThat(deals.analysis().select(usage).id()).isEqualTo(cheap.id());
    }

    @Test
    void theFallbackIsOneModelAndEveryPriceOrRoleChangeIsAudited(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        AiModel previous = deals.analysis().fallbackModel().orElseThrow();
        AiModel next = deals.analysis().registerModel(admin, model("fallback-" + suffix(), "0.1", "deal_analysis"));

        try {
            AiModel marked = deals.analysis().markFallback(admin, next.id());
            AiModel repriced = deals.analysis().updateModel(admin, next.id(), model -> model.withTokenCostPer1k(new BigDecimal("0.25")));

            assertThat(marked.fallback()).isTrue();
            assertThat(repriced.tokenCostPer1k()).isEqualByComparingTo("0.25");
            assertThat(deals.analysis().fallbackModel()).get().extracting(AiModel::id).isEqualTo(next.id());
            assertThat(deals.analysis().models()).filteredOn(AiModel::fallback).extracting(AiModel::id).containsExactly(next.id());
            var audited = test.ownerDsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ROW_ID.eq(next.id().toString())).orderBy(AUDIT_LOG.ID).fetch();
            assertThat(audited).extracting(row -> row.getAction()).containsExactly("ai_model.registered", "ai_model.changed", "ai_model.changed");
            assertThat(audited).allSatisfy(row -> assertThat(row.getActorId()).isEqualTo(admin));
            assertThat(audited.get(2).getNewValues().data()).contains("\"token_cost_per_1k\": 0.250000");
        } finally {
            deals.analysis().markFallback(admin, previous.id());
        }
    }

    @Test
    void concurrentFallbackMarksLeaveExactlyOneFallback(Deals deals, Fixtures fixtures) throws Exception {
        UUID admin = fixtures.user().admin().create().getId();
        AiModel original = deals.analysis().fallbackModel().orElseThrow();
        List<AiModel> candidates = new ArrayList<>();
        for (int index = 0; index < 6; index++) {
            candidates.add(deals.analysis().registerModel(admin, model("candidate-" + suffix(), "0.1", "deal_analysis")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<AiModel>> marks = new ArrayList<>();
            for (AiModel candidate : candidates) {
                marks.add(pool.submit(() -> deals.analysis().markFallback(admin, candidate.id())));
            }
            for (Future<AiModel> mark : marks) {
                assertThat(mark.get().fallback()).isTrue();
            }
            assertThat(deals.analysis().models()).filteredOn(AiModel::fallback).hasSize(1);
        } finally {
            pool.shutdown();
            deals.analysis().markFallback(admin, original.id());
        }
    }

    @Test
    void badModelsAreRefusedNamingTheFieldAndWriteNothing(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        UUID member = fixtures.user().create().getId();
        NewAiModel good = model("good-" + suffix(), "1", "deal_analysis");
        Map<String, NewAiModel> refused = Map.of(
                "model.name", good.withName(" "),
                "model.provider", good.withProvider("x".repeat(101)),
                "model.tokenCostPer1k", good.withTokenCostPer1k(new BigDecimal("0.0000001")),
                "model.maxTokens", good.withMaxTokens(0),
                "model.capabilities[0]", good.withCapabilities(Set.of("Deal Analysis")),
                "model.capabilities", good.withCapabilities(null));
        Map<String, Long> before = RowCounts.of(test);

        refused.forEach((field, model) -> assertThatThrownBy(() -> deals.analysis().registerModel(admin, model)).as(field)
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo(field)));
        assertThatThrownBy(() -> deals.analysis().registerModel(admin, good.withTokenCostPer1k(new BigDecimal("-1"))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> deals.analysis().registerModel(admin, good.withTokenCostPer1k(new BigDecimal("9999")).withMaxTokens(9_000_000)))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.getMessage()).contains("more than the ledger's"));
        assertThatThrownBy(() -> deals.analysis().registerModel(member, good)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.analysis().registerModel(admin, good.withName("gpt-4o")))
                .isInstanceOfSatisfying(ConflictException.class, refusal -> assertThat(refusal.field()).isEqualTo("name"));
        assertThatThrownBy(() -> deals.analysis().markFallback(admin, UUID.randomUUID())).isInstanceOf(NotFoundException.class);

        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void theFirstVersionOfAUsageTypeIsActiveAndANewOneOnlyWhenAskedOrActivated(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        String usage = "versions_" + suffix();

        PromptTemplate first = deals.analysis().publishTemplate(admin, NewPromptTemplate.of("summary", "1", usage, "Summarize {{deal_title}}."));
        PromptTemplate second = deals.analysis().publishTemplate(admin, NewPromptTemplate.of("summary", "2", usage, "Briefly: {{deal_title}}.")
                .withDescription("shorter"));
        assertThat(first.active()).isTrue();
        assertThat(second.active()).isFalse();
        assertThat(deals.analysis().activeTemplate(usage)).contains(first);

        PromptTemplate activated = deals.analysis().activateTemplate(admin, second.id());
        PromptTemplate third = deals.analysis().publishTemplate(admin, NewPromptTemplate.of("summary", "3", usage, "{{deal_title}}?").activated());

        assertThat(activated.active()).isTrue();
        assertThat(third.active()).isTrue();
        assertThat(deals.analysis().activeTemplate(usage)).contains(third);
        assertThat(deals.analysis().templateVersions("summary")).extracting(PromptTemplate::version, PromptTemplate::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", false), org.assertj.core.groups.Tuple.tuple("2", false),
                        org.assertj.core.groups.Tuple.tuple("3", true));
        assertThat(test.ownerDsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ROW_ID.eq(second.id().toString())).orderBy(AUDIT_LOG.ID).fetch())
                .extracting(row -> row.getAction()).containsExactly("prompt_template.published", "prompt_template.activated",
                        "prompt_template.deactivated");
    }

    @Test
    void theDatabaseKeepsExactlyOneActiveVersionPerUsageType(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        String usage = "guarded_" + suffix();
        PromptTemplate first = deals.analysis().publishTemplate(admin, NewPromptTemplate.of("guarded", "1", usage, "A {{deal_title}}"));
        PromptTemplate second = deals.analysis().publishTemplate(admin, NewPromptTemplate.of("guarded", "2", usage, "B {{deal_title}}"));

        // No active version left: refused at commit by the deferred check.
        assertThatThrownBy(() -> test.ownerDsl().update(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.IS_ACTIVE, false)
                .where(AI_PROMPT_TEMPLATES.ID.eq(first.id())).execute())
                .satisfies(failure -> assertThat(constraintOf(failure)).isEqualTo("one_active_template_per_usage"));
        // Two active versions: refused by the partial unique index.
        assertThatThrownBy(() -> test.ownerDsl().update(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.IS_ACTIVE, true)
                .where(AI_PROMPT_TEMPLATES.ID.eq(second.id())).execute())
                .satisfies(failure -> assertThat(constraintOf(failure)).isEqualTo("uq_prompt_templates_active_usage"));
        // A new usage type's first version inserted inactive: refused at commit.
        assertThatThrownBy(() -> test.ownerDsl().insertInto(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.NAME, "orphan")
                .set(AI_PROMPT_TEMPLATES.VERSION, "1").set(AI_PROMPT_TEMPLATES.USAGE_TYPE, "orphan_" + suffix())
                .set(AI_PROMPT_TEMPLATES.TEMPLATE_TEXT, "x").set(AI_PROMPT_TEMPLATES.IS_ACTIVE, false).execute())
                .satisfies(failure -> assertThat(constraintOf(failure)).isEqualTo("one_active_template_per_usage"));
        // Switching in one transaction, in either order, is fine.
        test.ownerDsl().transaction(configuration -> {
            configuration.dsl().update(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.IS_ACTIVE, false).where(AI_PROMPT_TEMPLATES.ID.eq(first.id())).execute();
            configuration.dsl().update(AI_PROMPT_TEMPLATES).set(AI_PROMPT_TEMPLATES.IS_ACTIVE, true).where(AI_PROMPT_TEMPLATES.ID.eq(second.id())).execute();
        });
        assertThat(deals.analysis().activeTemplate(usage)).get().extracting(PromptTemplate::id).isEqualTo(second.id());
    }

    @Test
    void concurrentActivationsAndPublicationsLeaveOneActiveVersion(Deals deals, Fixtures fixtures) throws Exception {
        UUID admin = fixtures.user().admin().create().getId();
        String usage = "contested_" + suffix();
        List<PromptTemplate> versions = new ArrayList<>();
        for (int index = 1; index <= 6; index++) {
            versions.add(deals.analysis().publishTemplate(admin, NewPromptTemplate.of("contested", String.valueOf(index), usage, "{{url}} " + index)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PromptTemplate>> changes = new ArrayList<>();
            for (PromptTemplate version : versions) {
                changes.add(pool.submit(() -> deals.analysis().activateTemplate(admin, version.id())));
            }
            for (int index = 7; index <= 10; index++) {
                String number = String.valueOf(index);
                changes.add(pool.submit(() -> deals.analysis().publishTemplate(admin,
                        NewPromptTemplate.of("contested", number, usage, "{{url}} " + number).activated())));
            }
            for (Future<PromptTemplate> change : changes) {
                assertThat(change.get().active()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(deals.analysis().templateVersions("contested")).hasSize(10).filteredOn(PromptTemplate::active).hasSize(1);
    }

    @Test
    void badTemplatesAreRefusedNamingTheFieldAndWriteNothing(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        UUID member = fixtures.user().create().getId();
        NewPromptTemplate good = NewPromptTemplate.of("refusals", "1", "refusals_" + suffix(), "About {{deal_title}}");
        Map<String, NewPromptTemplate> refused = Map.of(
                "template.name", new NewPromptTemplate(" ", "1", good.usageType(), good.text(), null, false),
                "template.version", new NewPromptTemplate("refusals", "1 final", good.usageType(), good.text(), null, false),
                "template.usageType", new NewPromptTemplate("refusals", "1", "Deal Analysis", good.text(), null, false),
                "template.text", new NewPromptTemplate("refusals", "1", good.usageType(), "Price {{ price", null, false),
                "template.description", good.withDescription("d".repeat(1_001)));
        Map<String, Long> before = RowCounts.of(test);

        refused.forEach((field, template) -> assertThatThrownBy(() -> deals.analysis().publishTemplate(admin, template)).as(field)
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo(field)));
        assertThatThrownBy(() -> deals.analysis().publishTemplate(admin, new NewPromptTemplate("refusals", "1", good.usageType(),
                "x".repeat(Analysis.MAX_TEMPLATE + 1), null, false))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> deals.analysis().publishTemplate(admin, new NewPromptTemplate("refusals", "1", good.usageType(), "a\u0000b", null,
                false))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> deals.analysis().publishTemplate(member, good))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.analysis().activateTemplate(admin, UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(RowCounts.of(test)).isEqualTo(before);

        deals.analysis().publishTemplate(admin, good);
        assertThatThrownBy(() -> deals.analysis().publishTemplate(admin, good))
                .isInstanceOfSatisfying(ConflictException.class, refusal -> assertThat(refusal.field()).isEqualTo("version"));
    }

    /** The constraint a database failure names (a deferred check's RAISE names one too). */
    private static String constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }

    static NewAiModel model(String name, String costPer1k, String... capabilities) {
        return new NewAiModel(name, "test", "1", new BigDecimal(costPer1k), 1_000, Set.of(capabilities));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
