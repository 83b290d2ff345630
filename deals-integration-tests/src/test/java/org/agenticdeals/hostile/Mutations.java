package org.agenticdeals.hostile;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.agenticdeals.ValidationException;
import org.agenticdeals.hostile.Hostile.Kind;

/**
 * Derives the hostile calls of a method from its parameter types: every argument, and every field of a record argument
 * (recursively, for records that {@link HostileCalls#RECORD_RULES} describes), gets each hostile value of its type in
 * turn while the others stay valid.
 */
final class Mutations {

    /** One hostile call: the argument or field varied, the value, and what the rule says must follow. */
    record Variant(int argument, String path, Hostile hostile, Rule rule, UnaryOperator<Object> replace) {
        @Override
        public String toString() {
            return path + " = " + hostile;
        }
    }

    /** A record could not be built with the hostile value (a null in a list a record copies): not a call to make. */
    static final class Unbuildable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unbuildable(Throwable cause) {
            super(cause);
        }
    }

    /** A record of the API refused the value in its constructor: the refusal is the call's outcome. */
    static final class RefusedByConstructor extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedByConstructor(ValidationException refusal) {
            super(refusal);
        }
    }

    private final HostileCall call;
    private final List<String> uncovered = new ArrayList<>();

    private Mutations(HostileCall call) {
        this.call = call;
    }

    /** The variants of {@code method}; each path without a rule is added to {@code uncovered}. */
    static List<Variant> of(HostileCall call, Method method, List<String> uncovered) {
        var mutations = new Mutations(call);
        var variants = new ArrayList<Variant>();
        Parameter[] parameters = method.getParameters();
        for (int index = 0; index < parameters.length; index++) {
            for (Variant variant : mutations.variants(parameters[index].getName(), parameters[index].getParameterizedType(), null, null)) {
                variants.add(new Variant(index, variant.path(), variant.hostile(), variant.rule(), variant.replace()));
            }
        }
        uncovered.addAll(mutations.uncovered);
        return variants;
    }

    private Rule rule(String path, Class<?> owner, String key) {
        Rule rule = call.rules.get(path);
        if (rule == null && owner != null) {
            rule = HostileCalls.RECORD_RULES.getOrDefault(owner, Map.of()).get(key);
        }
        if (rule == null) {
            uncovered.add(path);
        }
        return rule;
    }

    private List<Variant> variants(String path, Type type, Class<?> owner, String key) {
        if (type == boolean.class) {
            return List.of();
        }
        Rule rule = rule(path, owner, key);
        if (rule == null) {
            return List.of();
        }
        Class<?> raw = raw(type);
        var variants = new ArrayList<Variant>();
        if (raw == String.class) {
            var values = new ArrayList<>(Hostile.strings());
            if (rule.json()) {
                values.addAll(Hostile.json());
            }
            if (rule.cursor()) {
                values.addAll(Hostile.forgedCursors());
            }
            values.forEach(hostile -> variants.add(replacing(path, hostile, rule)));
        } else if (raw == int.class || raw == Integer.class) {
            Hostile.ints(raw == Integer.class).forEach(hostile -> variants.add(replacing(path, hostile, rule)));
        } else if (raw == UUID.class) {
            Hostile.uuids().forEach(hostile -> variants.add(replacing(path, hostile, rule)));
        } else if (raw == BigDecimal.class) {
            Hostile.decimals().forEach(hostile -> variants.add(replacing(path, hostile, rule)));
        } else if (raw == Instant.class) {
            Hostile.instants().forEach(hostile -> variants.add(replacing(path, hostile, rule)));
        } else if (raw == UnaryOperator.class) {
            variants.add(replacing(path, new Hostile(Kind.NULL, null), rule));
            Class<?> changed = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
            Rule returnsNull = call.rules.getOrDefault(path + "()", Rule.always(Expected.INVALID));
            variants.add(new Variant(0, path + "()", new Hostile(Kind.NULL, null), returnsNull, valid -> (UnaryOperator<Object>) current -> null));
            for (Variant inner : components(path, changed)) {
                variants.add(new Variant(0, inner.path(), inner.hostile(), inner.rule(),
                        valid -> (UnaryOperator<Object>) current -> built(() -> inner.replace().apply(current))));
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            variants.add(replacing(path, new Hostile(Kind.NULL, null), rule));
            variants.addAll(elements(path, raw, ((ParameterizedType) type).getActualTypeArguments()[0], owner, key));
        } else if (raw.isRecord()) {
            variants.add(replacing(path, new Hostile(Kind.NULL, null), rule));
            if (HostileCalls.RECORD_RULES.containsKey(raw)) {
                variants.addAll(components(path, raw));
            }
        } else if (raw.isSealed()) {
            variants.add(replacing(path, new Hostile(Kind.NULL, null), rule));
            for (Object sample : call.samples.getOrDefault(path, List.of())) {
                for (Variant inner : components(path, sample.getClass())) {
                    variants.add(new Variant(0, inner.path(), inner.hostile(), inner.rule(), valid -> inner.replace().apply(sample)));
                }
            }
        } else if (!raw.isPrimitive()) {
            variants.add(replacing(path, new Hostile(Kind.NULL, null), rule));
        }
        return variants;
    }

    private List<Variant> components(String path, Class<?> record) {
        var variants = new ArrayList<Variant>();
        for (RecordComponent component : record.getRecordComponents()) {
            for (Variant inner : variants(path + "." + component.getName(), component.getGenericType(), record, component.getName())) {
                variants.add(new Variant(0, inner.path(), inner.hostile(), inner.rule(),
                        valid -> rebuilt(valid, component, inner.replace().apply(value(valid, component)))));
            }
        }
        return variants;
    }

    private List<Variant> elements(String path, Class<?> collection, Type elementType, Class<?> owner, String key) {
        Class<?> element = raw(elementType);
        String elementPath = path + "[]";
        String elementKey = key == null ? null : key + "[]";
        var variants = new ArrayList<Variant>();
        if (element == String.class || element == UUID.class) {
            Rule rule = rule(elementPath, owner, elementKey);
            Rule whole = rule(path, owner, key);
            if (rule == null || whole == null) {
                return List.of();
            }
            List<Hostile> values = element == String.class
                    ? Hostile.strings().stream().filter(hostile -> hostile.value() != null).toList()
                    : List.of(new Hostile(Kind.UNKNOWN_ID, UUID.randomUUID()), new Hostile(Kind.NULL_ELEMENT, null));
            for (Hostile hostile : values) {
                List<Object> one = Arrays.asList(hostile.value());
                variants.add(new Variant(0, elementPath, hostile, rule, valid -> collectionOf(collection, one)));
            }
            List<Object> many = IntStream.range(0, 1_001)
                    .mapToObj(index -> element == String.class ? (Object) ("word" + index) : UUID.randomUUID()).toList();
            variants.add(new Variant(0, path, new Hostile(Kind.OVERSIZED, many), whole, valid -> collectionOf(collection, many)));
        } else if (element.isRecord()) {
            Rule whole = rule(path, owner, key);
            if (whole == null) {
                return List.of();
            }
            variants.add(new Variant(0, path, new Hostile(Kind.EMPTY, List.of()), whole, valid -> collectionOf(collection, List.of())));
            variants.add(new Variant(0, path, new Hostile(Kind.OVERSIZED, List.of()), whole,
                    valid -> collectionOf(collection, java.util.Collections.nCopies(10_001, ((List<?>) valid).get(0)))));
            for (RecordComponent component : element.getRecordComponents()) {
                for (Variant inner : variants(path + "[]." + component.getName(), component.getGenericType(), element, component.getName())) {
                    variants.add(new Variant(0, inner.path(), inner.hostile(), inner.rule(), valid -> {
                        Object first = ((List<?>) valid).get(0);
                        return collectionOf(collection, List.of(rebuilt(first, component, inner.replace().apply(value(first, component)))));
                    }));
                }
            }
        }
        return variants;
    }

    private static Variant replacing(String path, Hostile hostile, Rule rule) {
        return new Variant(0, path, hostile, rule, valid -> hostile.value());
    }

    private static Collection<Object> collectionOf(Class<?> type, List<Object> values) {
        return Set.class.isAssignableFrom(type) ? new LinkedHashSet<>(values) : new ArrayList<>(values);
    }

    private static Object value(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code record} with one component replaced, through its canonical constructor. */
    static Object rebuilt(Object record, RecordComponent replaced, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int index = 0; index < components.length; index++) {
            types[index] = components[index].getType();
            values[index] = components[index].getName().equals(replaced.getName()) ? value : value(record, components[index]);
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException thrown) {
            if (thrown.getCause() instanceof ValidationException refusal) {
                throw new RefusedByConstructor(refusal);
            }
            throw new Unbuildable(thrown.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException impossible) {
            throw new Unbuildable(impossible);
        }
    }

    /** Runs a rebuild inside a caller's function (a change the library applies), keeping its two outcomes apart. */
    private static Object built(java.util.function.Supplier<Object> rebuild) {
        return rebuild.get();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }
}
