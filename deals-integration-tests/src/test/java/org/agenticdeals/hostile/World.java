package org.agenticdeals.hostile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.agenticdeals.Deals;
import org.agenticdeals.PageRequest;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.analysis.NewAiModel;
import org.agenticdeals.analysis.NewPromptTemplate;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;

/**
 * The rows a hostile call needs valid arguments for, in one seeded test database: two regular users (the caller and
 * another), an admin, and the objects the caller owns (a goal, a share, a saved deal, a notification, an analysis
 * request, a charge), made through the library on first use.
 */
final class World {

    /** A usage type whose seeded template takes any subject ({@code saved_titles} only). */
    static final String USAGE = "goal_suggestion";

    final Deals deals;
    final TestDatabase database;
    final SeedData seed;
    private final Map<String, Object> made = new HashMap<>();

    World(TestDatabase database) {
        this.database = database;
        this.deals = database.deals();
        this.seed = database.seedData();
        // Enough tokens for every paid call a method's hostile calls make (analysis requests charge their model's budget).
        deals.ledger().adjust(admin(), user(), 10_000, "hostile-input test funds", "hostile-input-funds");
    }

    UUID admin() {
        return seed.admin().id();
    }

    /** The caller of user methods: a regular, active, verified user. */
    UUID user() {
        return seed.user("alice@example.com").id();
    }

    /** Another regular user. */
    UUID otherUser() {
        return seed.user("bob@example.com").id();
    }

    UUID market() {
        return seed.market("Amazon").id();
    }

    UUID source() {
        return seed.sources().stream().filter(source -> source.status().getLiteral().equals("active")).findFirst().orElseThrow().id();
    }

    UUID category() {
        return seed.categories().get(0).id();
    }

    UUID leafCategory() {
        return seed.categories().get(seed.categories().size() - 1).id();
    }

    UUID tokenPackage() {
        return seed.packages().stream().filter(SeedData.TokenPackage::active).findFirst().orElseThrow().id();
    }

    UUID code() {
        return seed.code(SeedData.CodeState.ACTIVE).id();
    }

    UUID model() {
        return seed.models().stream().filter(SeedData.AiModel::active).findFirst().orElseThrow().id();
    }

    UUID template() {
        return seed.templates().get(0).id();
    }

    /** An active deal of the catalog, made for this world. */
    UUID deal() {
        return once("deal", () -> database.fixtures().deal().title("Quiet travel headphones").market(market()).source(source())
                .category(leafCategory()).create().getId());
    }

    UUID goal() {
        return once("goal", () -> deals.goals().create(user(), NewGoal.of("Quiet flights", GoalParameters.none().withKeywords("headphones")
                .withMaxPrice(new BigDecimal("250")))).id());
    }

    UUID share() {
        return once("share", () -> deals.sharing().share(user(), NewShare.byLink(deal())).id());
    }

    String shareLink() {
        return once("shareLink", () -> deals.sharing().find(user(), share()).orElseThrow().publicLinkId());
    }

    UUID savedDeal() {
        return once("savedDeal", () -> deals.savedDeals().save(user(), deal(), "for the trip").dealId());
    }

    UUID notification() {
        return once("notification", () -> {
            deals.notifications().sendSystemMessage(admin(), List.of(user()), "Maintenance", "Tonight at ten.", null);
            return deals.notifications().list(user(), PageRequest.first(1)).items().get(0).id();
        });
    }

    /** An AI charge of the caller's, for refunds. */
    UUID charge() {
        return once("charge", () -> deals.ledger().chargeAiUsage(user(), 20, UUID.randomUUID()).id());
    }

    UUID analysisRequest() {
        return once("analysisRequest", () -> deals.analysis().request(user(), AnalysisSubject.product("Travel headphones"), USAGE).id());
    }

    /** A fresh request of the caller's, claimed by a worker: each call makes another (completing one uses it up). */
    AnalysisTask freshTask() {
        deals.analysis().request(user(), AnalysisSubject.product("Travel headphones " + UUID.randomUUID()), USAGE);
        return deals.analysis().claimNext("worker-1").orElseThrow();
    }

    /** A new user with no rows beyond the defaults, for calls that change a user (roles, activity). */
    UUID bystander() {
        return once("bystander", () -> database.fixtures().user().email("bystander@example.com").create().getId());
    }

    static DealInput dealInput(UUID market) {
        return new DealInput("Hostile headphones", "A deal to ingest.", "https://shop.example.com/hostile", null, new BigDecimal("100.00"),
                new BigDecimal("80.00"), market, null, Instant.parse("2999-01-01T00:00:00Z"));
    }

    static NewAiModel newModel(String name) {
        return new NewAiModel(name, "local", "1", new BigDecimal("0.500000"), 1_000, Set.of("deal_analysis"));
    }

    static NewPromptTemplate newTemplate() {
        return NewPromptTemplate.of("hostile", "1", "deal_analysis", "Is {{product_name}} worth it?");
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String name, Supplier<T> make) {
        Object value = made.get(name);
        if (value == null) {
            value = make.get();
            made.put(name, value);
        }
        return (T) value;
    }
}
