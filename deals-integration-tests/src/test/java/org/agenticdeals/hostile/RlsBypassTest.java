package org.agenticdeals.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.ledger.NewRedemptionCode;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.agenticdeals.users.Role;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Row-level security through the public API: user A calls every method that takes a user id together with the id of a
 * row (or an idempotency key) that may belong to another user, with user B's: B's goal, share, saved deal, notification,
 * analysis request, charge, payment reference and keys. Each call must be a typed refusal ({@code NotFoundException},
 * or {@code PermissionDeniedException} where an admin is needed, {@code ConflictException} for a key B owns) or an empty
 * result; nothing of B's may come back, and none of B's rows may change.
 *
 * <p>{@link #everyMethodTakingAUserAndAnotherIdIsCovered()} finds by reflection every public method with a
 * {@code userId} or {@code actorId} argument and another id argument, so a new one cannot be left out.
 */
@Tag("reliability")
class RlsBypassTest {

    /** What A's call with B's id must lead to. */
    private enum Outcome { NOT_FOUND, EMPTY, DENIED, CONFLICT, A_ONLY }

    /** A call as A with B's ids, and what it must lead to. */
    private record Case(String signature, Outcome outcome, Function<Owners, Object[]> arguments) {
    }

    /** A and B, and the rows B owns, made through the library. */
    private static final class Owners {
        final Deals deals;
        final UUID a;
        final UUID b;
        final UUID admin;
        final UUID deal;
        final UUID bGoal;
        final UUID bShare;
        final UUID bNotification;
        final UUID bRequest;
        final UUID bChargeRequestId;
        final String bPaymentReference = "pay-of-b";
        final String bRedeemKey = "redeem-of-b";
        final String bAnalysisKey = "analysis-of-b";
        final UUID tokenPackage;
        final String code;

        Owners(TestDatabase database) {
            deals = database.deals();
            var seed = database.seedData();
            a = seed.user("alice@example.com").id();
            b = seed.user("bob@example.com").id();
            admin = seed.admin().id();
            deal = database.fixtures().deal().title("Shared travel headphones").market(seed.market("Amazon").id()).create().getId();
            tokenPackage = seed.packages().stream().filter(found -> found.active()).findFirst().orElseThrow().id();
            code = deals.ledger().createCode(admin, new NewRedemptionCode("RLS-CODE", 5, 10, null)).code();
            for (UUID user : List.of(a, b)) {
                deals.ledger().adjust(admin, user, 1_000, "test funds", "funds-" + user);
            }
            bGoal = deals.goals().create(b, NewGoal.of("Bob's goal", GoalParameters.none().withKeywords("headphones"))).id();
            bShare = deals.sharing().share(b, NewShare.byLink(deal)).id();
            deals.savedDeals().save(b, deal, "bob's note");
            deals.notifications().sendSystemMessage(admin, List.of(b), "For Bob", "Only Bob reads this.", null);
            bNotification = deals.notifications().list(b, PageRequest.first(1)).items().get(0).id();
            bRequest = deals.analysis().request(b, AnalysisSubject.product("Bob's product"), "goal_suggestion", bAnalysisKey).id();
            bChargeRequestId = UUID.randomUUID();
            deals.ledger().chargeAiUsage(b, 5, bChargeRequestId);
            deals.ledger().purchase(b, tokenPackage, bPaymentReference);
            deals.ledger().redeem(b, code, bRedeemKey);
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("Users.deactivate(UUID,UUID)", Outcome.DENIED, o -> args(o.a, o.b)),
            new Case("Users.reactivate(UUID,UUID)", Outcome.DENIED, o -> args(o.a, o.b)),
            new Case("Users.changeRole(UUID,UUID,Role)", Outcome.DENIED, o -> args(o.a, o.b, Role.ADMIN)),
            new Case("DealCatalog.remove(UUID,UUID)", Outcome.DENIED, o -> args(o.a, o.deal)),
            new Case("TokenLedger.adjust(UUID,UUID,int,String,String)", Outcome.DENIED, o -> args(o.a, o.b, -5, "take B's tokens", "steal")),
            new Case("TokenLedger.purchase(UUID,UUID,String)", Outcome.CONFLICT, o -> args(o.a, o.tokenPackage, o.bPaymentReference)),
            new Case("TokenLedger.chargeAiUsage(UUID,int,UUID)", Outcome.CONFLICT, o -> args(o.a, 5, o.bChargeRequestId)),
            new Case("TokenLedger.redeem(UUID,String,String)", Outcome.CONFLICT, o -> args(o.a, o.code, o.bRedeemKey)),
            new Case("SavedDeals.save(UUID,UUID,String)", Outcome.A_ONLY, o -> args(o.a, o.deal, "alice's note")),
            new Case("SavedDeals.updateNotes(UUID,UUID,String)", Outcome.NOT_FOUND, o -> args(o.a, o.deal, "overwritten")),
            new Case("SavedDeals.unsave(UUID,UUID)", Outcome.EMPTY, o -> args(o.a, o.deal)),
            new Case("Goals.get(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Goals.update(UUID,UUID,UnaryOperator)", Outcome.NOT_FOUND,
                    o -> args(o.a, o.bGoal, (UnaryOperator<Goal>) goal -> goal.withTitle("Taken over"))),
            new Case("Goals.pause(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Goals.resume(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Goals.complete(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Goals.cancel(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Goals.matches(UUID,UUID,PageRequest)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal, PageRequest.first(10))),
            new Case("Goals.rematch(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bGoal)),
            new Case("Notifications.markRead(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bNotification)),
            new Case("Sharing.find(UUID,UUID)", Outcome.EMPTY, o -> args(o.a, o.bShare)),
            new Case("Sharing.deactivate(UUID,UUID)", Outcome.NOT_FOUND, o -> args(o.a, o.bShare)),
            new Case("Analysis.find(UUID,UUID)", Outcome.EMPTY, o -> args(o.a, o.bRequest)),
            new Case("Analysis.request(UUID,AnalysisSubject,String,String)", Outcome.A_ONLY,
                    o -> args(o.a, AnalysisSubject.product("Alice's product"), "goal_suggestion", o.bAnalysisKey)));

    /**
     * Methods with a user and another id that name no user's row: what they do with another user's id is not a question
     * of row-level security.
     */
    private static final Map<String, String> NOT_USER_ROWS = Map.of(
            "TokenLedger.grantReferralBonus(UUID,UUID)", "both ids are users the system credits; no user acts",
            "Interactions.record(UUID,UUID,InteractionType,String)", "dealId names a catalog deal, which every user may see");

    @Test
    void everyMethodTakingAUserAndAnotherIdIsCovered() {
        var found = new TreeSet<String>();
        PublicApi.methods().forEach((signature, method) -> {
            List<String> ids = Arrays.stream(method.getParameters()).filter(parameter -> parameter.getType() == UUID.class).map(Parameter::getName)
                    .toList();
            boolean actsAsSomeone = ids.contains("userId") || ids.contains("actorId") || ids.contains("referrerId");
            if (actsAsSomeone && ids.size() > 1) {
                found.add(signature);
            }
        });
        var covered = new TreeSet<String>(NOT_USER_ROWS.keySet());
        CASES.forEach(bypass -> covered.add(bypass.signature()));
        assertThat(covered).as("methods taking a user and another id without an RLS case").containsAll(found);
        assertThat(PublicApi.methods().keySet()).containsAll(covered);
    }

    @TestFactory
    Stream<DynamicTest> aUserCannotReachAnotherUsersRowsThroughAnyMethod() {
        return CASES.stream().map(bypass -> DynamicTest.dynamicTest(bypass.signature() + " with B's id: " + bypass.outcome(), () -> check(bypass)));
    }

    private static void check(Case bypass) throws ReflectiveOperationException {
        Method method = PublicApi.methods().get(bypass.signature());
        try (TestDatabase database = DealsTestkit.shared().database(Seed.demo())) {
            var owners = new Owners(database);
            Object facade = PublicApi.facades().get(method.getDeclaringClass()).invoke(owners.deals);
            Map<String, String> bRowsBefore = rowsOf(database.ownerDsl(), owners.b);
            Object result = null;
            Throwable thrown = null;
            try {
                result = method.invoke(facade, bypass.arguments().apply(owners));
            } catch (InvocationTargetException failure) {
                thrown = failure.getCause();
            }
            switch (bypass.outcome()) {
                case NOT_FOUND -> assertThat(thrown).isInstanceOf(NotFoundException.class);
                case DENIED -> assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
                case CONFLICT -> assertThat(thrown).isInstanceOf(ConflictException.class);
                case EMPTY -> {
                    assertThat(thrown).isNull();
                    assertThat(isEmpty(result)).as("returned " + result).isTrue();
                }
                case A_ONLY -> assertThat(thrown).isNull();
            }
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(DealsRefusal.class);
                assertThat(Leaks.in(thrown)).isEmpty();
                assertThat(thrown.getMessage()).doesNotContain("Bob", "bob@example.com");
            }
            if (result != null) {
                assertThat(String.valueOf(result)).as("A's result").doesNotContain(owners.b.toString(), "Bob", "bob's note");
            }
            assertThat(rowsOf(database.ownerDsl(), owners.b)).as("B's rows").isEqualTo(bRowsBefore);
        }
    }

    /** A digest of the user's rows in every table with a {@code user_id} column, and of the user's own row. */
    private static Map<String, String> rowsOf(DSLContext owner, UUID user) {
        var digests = new TreeMap<String, String>();
        for (String table : owner.fetchValues("select table_name from information_schema.columns where table_schema = 'deals'"
                + " and column_name = 'user_id' and table_name in (select relname from pg_class where relnamespace = 'deals'::regnamespace"
                + " and relkind in ('r', 'p') and not relispartition)").stream().map(String::valueOf).toList()) {
            digests.put(table, String.valueOf(owner.fetchValue("select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                    + " from deals." + table + " t where user_id = ?", user)));
        }
        digests.put("users", String.valueOf(owner.fetchValue("select md5(t::text) from deals.users t where id = ?", user)));
        return digests;
    }

    private static boolean isEmpty(Object result) {
        return result instanceof Optional<?> optional && optional.isEmpty()
                || result instanceof Boolean flag && !flag
                || result instanceof Collection<?> collection && collection.isEmpty()
                || result instanceof Page<?> page && page.items().isEmpty();
    }

    private static Object[] args(Object... values) {
        return values;
    }
}
