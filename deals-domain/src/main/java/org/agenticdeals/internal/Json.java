package org.agenticdeals.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.ValidationException;
import org.jooq.JSONB;

/** JSON for JSONB columns: one strict mapper (unknown fields refused), and helpers for id arrays. */
public final class Json {

    /**
     * Refuses unknown fields, text after the value and a fraction where a whole number belongs; reads numbers without
     * silently rounding them.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .findAndAddModules()
            .build();

    private Json() {
    }

    public static JSONB uuidArray(Collection<UUID> ids) {
        var array = MAPPER.createArrayNode();
        ids.forEach(id -> array.add(id.toString()));
        return JSONB.valueOf(array.toString());
    }

    /** The ids of a JSON array of UUID strings; null for a null column gives an empty list. */
    public static List<UUID> uuids(JSONB json) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode array = MAPPER.readTree(json.data());
            var ids = new ArrayList<UUID>();
            array.forEach(element -> ids.add(UUID.fromString(element.asText())));
            return ids;
        } catch (JsonProcessingException | IllegalArgumentException malformed) {
            throw new IllegalStateException("stored JSON is not an array of ids", malformed);
        }
    }

    /** A JSON object of one string member. */
    public static JSONB object(String key, String value) {
        return JSONB.valueOf(MAPPER.createObjectNode().put(key, value).toString());
    }

    public static JSONB stringArray(Collection<String> values) {
        var array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return JSONB.valueOf(array.toString());
    }

    /** The strings of a stored JSON array of strings; null for a null column. */
    public static List<String> strings(JSONB json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode array = MAPPER.readTree(json.data());
            var values = new ArrayList<String>();
            array.forEach(element -> values.add(element.asText()));
            return values;
        } catch (JsonProcessingException malformed) {
            throw new IllegalStateException("stored JSON is not an array of strings", malformed);
        }
    }

    /**
     * A JSON object given as text, normalized as PostgreSQL would store it.
     *
     * @throws ValidationException naming {@code field}: longer than {@code maxLength}, not JSON, not an object, or holding
     *                             a NUL or a lone surrogate (PostgreSQL cannot store either)
     */
    public static String object(String field, String json, int maxLength) {
        Checks.required(field, json);
        if (json.length() > maxLength) {
            throw new ValidationException(field, "must be at most " + maxLength + " characters, was " + json.length());
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ValidationException(field, "must be a JSON object");
            }
            String normalized = node.toString();
            if (normalized.contains("\\u0000")) {
                throw new ValidationException(field, "must not contain NUL characters");
            }
            if (Checks.hasLoneSurrogate(normalized)) {
                throw new ValidationException(field, "must be valid Unicode (it contains a lone surrogate)");
            }
            return normalized;
        } catch (JsonProcessingException malformed) {
            throw new ValidationException(field, "is not valid JSON: " + Checks.shown(malformed.getOriginalMessage()));
        }
    }

    /**
     * A JSON object read as {@code type}.
     *
     * @throws ValidationException naming {@code field}: not JSON, not an object, an unknown field or a field of the wrong
     *                             type
     */
    public static <T> T read(String field, String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ValidationException(field, "must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException malformed) {
            throw new ValidationException(field, "is not valid: " + Checks.shown(malformed.getOriginalMessage()));
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
