package org.agenticdeals.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.Page;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.hostile.Mutations.Variant;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of every facade reachable from {@code Deals}, called with hostile arguments: null, empty, 10 MB
 * strings, NUL, lone surrogates, RTL marks, SQL and LIKE metacharacters, negative and overflowing numbers, times
 * PostgreSQL cannot store, unknown ids, malformed JSON and forged cursors, one argument or field at a time while the
 * others stay valid. Each call must do what {@link HostileCalls} decided for that field: a {@code ValidationException}
 * naming it, another typed refusal, an empty result, or a success; a refused call writes nothing (every table's rows
 * unchanged), and no exception, cause included, carries SQL or PostgreSQL's error text.
 *
 * <p>The methods and their arguments are found by reflection, so a new public method, argument or record field without
 * an entry in the table fails {@link #everyPublicMethodArgumentAndFieldHasARule()}. Each method gets a fresh seeded
 * database.
 */
@Tag("reliability")
class HostileInputTest {

    private static final Map<String, HostileCall> TABLE = HostileCalls.all();

    @Test
    void theFacadesAreTheTenTheIssueNames() {
        assertThat(PublicApi.facades().values().stream().map(Method::getName))
                .containsExactlyInAnyOrder("users", "preferences", "ledger", "catalog", "savedDeals", "goals", "notifications", "sharing",
                        "interactions", "analysis");
    }

    @Test
    void everyPublicMethodArgumentAndFieldHasARule() {
        Map<String, Method> methods = PublicApi.methods();
        assertThat(methods).hasSizeGreaterThan(100);
        assertThat(new TreeSet<>(TABLE.keySet())).as("table entries for methods that do not exist").isSubsetOf(methods.keySet());
        assertThat(new TreeSet<>(methods.keySet())).as("public methods without an entry in HostileCalls").isSubsetOf(TABLE.keySet());
        var uncovered = new ArrayList<String>();
        methods.forEach((signature, method) -> Mutations.of(TABLE.get(signature), method, uncovered).size());
        assertThat(uncovered).as("arguments and fields without a rule in HostileCalls").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> hostileArguments() {
        return PublicApi.methods().entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> assertHostileCalls(TABLE.get(entry.getKey()), entry.getValue())));
    }

    @Test
    void goalParametersReadFromJsonRefuseUnknownAndWronglyTypedFields() {
        for (String json : List.of("{\"unexpected_field\": true}", "{\"keywords\": 42}", "{\"max_price\": \"cheap\"}", "{\"max_matches\": 1.5}",
                "{\"max_matches\": \"ten\"}", "[1, 2]", "null", "{\"keywords\": [\"a\"]} trailing", "{", "")) {
            assertThatThrownBy(() -> GoalParameters.fromJson(json)).as(json)
                    .isInstanceOfSatisfying(ValidationException.class, refusal -> {
                        assertThat(refusal.field()).isEqualTo("parameters");
                        assertThat(Leaks.in(refusal)).isEmpty();
                    });
        }
        assertThat(GoalParameters.fromJson("{\"keywords\": [\"headphones\"], \"max_price\": 250}").maxPrice()).isEqualByComparingTo("250");
    }

    private static void assertHostileCalls(HostileCall call, Method method) throws ReflectiveOperationException {
        Method facadeAccessor = PublicApi.facades().get(method.getDeclaringClass());
        List<Variant> variants = Mutations.of(call, method, new ArrayList<>());
        var failures = new ArrayList<String>();
        int skipped = 0;
        try (TestDatabase database = DealsTestkit.shared().database(Seed.demo())) {
            World world = new World(database);
            DatabaseState state = new DatabaseState(database);
            Object facade = facadeAccessor.invoke(world.deals);
            Outcome valid = invoke(facade, method, call.validArguments.apply(world));
            if (valid.thrown() != null) {
                failures.add("the valid call threw " + describe(valid.thrown()));
            }
            for (Variant variant : variants) {
                Expected expected = variant.rule().expect(variant.hostile());
                Outcome outcome;
                Map<String, String> before;
                try {
                    Object[] arguments = call.validArguments.apply(world).clone();
                    before = expected instanceof Expected.Accepted || expected instanceof Expected.Empty ? null : state.read();
                    arguments[variant.argument()] = variant.replace().apply(arguments[variant.argument()]);
                    outcome = invoke(facade, method, arguments);
                } catch (Mutations.Unbuildable notACall) {
                    skipped++;
                    continue;
                } catch (Mutations.RefusedByConstructor refused) {
                    outcome = new Outcome(null, refused.getCause());
                    before = null;
                }
                if (outcome.thrown() instanceof Mutations.Unbuildable) {
                    skipped++;
                    continue;
                }
                String problem = problem(call, variant, expected, outcome);
                if (problem == null && before != null && !(expected instanceof Expected.Accepted) && !(expected instanceof Expected.Empty)) {
                    Map<String, String> changed = DatabaseState.changes(before, state.read());
                    if (!changed.isEmpty()) {
                        problem = "refused, but wrote " + changed;
                    }
                }
                if (problem != null) {
                    failures.add(variant + ": expected " + expected + ", " + problem);
                }
            }
        }
        System.out.printf("hostile input: %s: %d calls (%d not buildable), %d failed%n", call.signature, variants.size(), skipped, failures.size());
        assertThat(failures).as(call.signature).isEmpty();
    }

    private record Outcome(Object result, Throwable thrown) {
    }

    private static Outcome invoke(Object facade, Method method, Object[] arguments) throws IllegalAccessException {
        try {
            return new Outcome(method.invoke(facade, arguments), null);
        } catch (InvocationTargetException thrown) {
            Throwable cause = thrown.getCause();
            if (cause instanceof Mutations.RefusedByConstructor refused) {
                return new Outcome(null, refused.getCause());
            }
            return new Outcome(null, cause);
        }
    }

    /** What is wrong with the outcome, or null. */
    private static String problem(HostileCall call, Variant variant, Expected expected, Outcome outcome) {
        if (outcome.thrown() != null) {
            List<String> leaks = Leaks.in(outcome.thrown());
            if (!leaks.isEmpty()) {
                return "threw " + outcome.thrown().getClass().getSimpleName() + " leaking " + leaks;
            }
            if (!(expected instanceof Expected.Refused refused) || !refused.type().isInstance(outcome.thrown())) {
                return "threw " + describe(outcome.thrown());
            }
            if (outcome.thrown() instanceof ValidationException validation) {
                String wanted = call.fields.getOrDefault(variant.path(), lastSegment(variant.path()));
                if (!lastSegment(validation.field()).equals(wanted)) {
                    return "the refusal names field '" + validation.field() + "', not '" + wanted + "'";
                }
            }
            return null;
        }
        if (expected instanceof Expected.Empty) {
            return isEmpty(outcome.result()) ? null : "returned data: " + shown(outcome.result());
        }
        if (expected instanceof Expected.Refused) {
            return "returned " + shown(outcome.result());
        }
        if (expected instanceof Expected.ItemRefused) {
            return itemRefused(variant, outcome.result());
        }
        return null;
    }

    private static String itemRefused(Variant variant, Object result) {
        if (!(result instanceof IngestionResult ingestion) || ingestion.refused().size() != 1 || !ingestion.dealIds().isEmpty()) {
            return "returned " + shown(result);
        }
        String field = ingestion.refused().get(0).field();
        return lastSegment(field).equals(lastSegment(variant.path())) ? null : "the item was refused on '" + field + "'";
    }

    private static boolean isEmpty(Object result) {
        return result == null
                || result instanceof Optional<?> optional && optional.isEmpty()
                || result instanceof Boolean flag && !flag
                || result instanceof Number number && number.longValue() == 0
                || result instanceof Collection<?> collection && collection.isEmpty()
                || result instanceof Page<?> page && page.items().isEmpty();
    }

    /** The last name of a path or field: {@code goal.parameters.keywords[2]} is {@code keywords}. */
    private static String lastSegment(String path) {
        String plain = path.replaceAll("\\[\\d*]", "").replace("()", "");
        return plain.substring(plain.lastIndexOf('.') + 1);
    }

    private static String describe(Throwable thrown) {
        String state = thrown instanceof DealsDataAccessException dataAccess ? " (SQLSTATE " + dataAccess.sqlState().orElse("none") + ")" : "";
        String message = String.valueOf(thrown.getMessage());
        return thrown.getClass().getSimpleName() + state + ": " + message.substring(0, Math.min(200, message.length()));
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.substring(0, Math.min(200, text.length()));
    }
}
