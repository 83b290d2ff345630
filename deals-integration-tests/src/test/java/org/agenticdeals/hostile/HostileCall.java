package org.agenticdeals.hostile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One public method in the hostile-input table: how to call it validly in a {@link World}, and the {@link Rule} of
 * each argument (by parameter name) or field of an argument ({@code goal.title}, {@code batch[].url},
 * {@code change.name}) that is not described by the record's rules in {@link HostileCalls#RECORD_RULES}.
 */
final class HostileCall {

    final String signature;
    final Function<World, Object[]> validArguments;
    final Map<String, Rule> rules = new HashMap<>();
    final Map<String, String> fields = new HashMap<>();
    final Map<String, List<Object>> samples = new HashMap<>();

    HostileCall(String signature, Function<World, Object[]> validArguments) {
        this.signature = signature;
        this.validArguments = validArguments;
    }

    /** The rule of an argument or a field of one. */
    HostileCall rule(String path, Rule rule) {
        rules.put(path, rule);
        return this;
    }

    /** The field a refusal at {@code path} names, when its last segment is not the path's. */
    HostileCall field(String path, String field) {
        fields.put(path, field);
        return this;
    }

    /** Values of a sealed argument type to vary field by field, one of each permitted record. */
    HostileCall samples(String path, Object... values) {
        samples.put(path, Arrays.asList(values));
        return this;
    }

    @Override
    public String toString() {
        return signature;
    }
}
