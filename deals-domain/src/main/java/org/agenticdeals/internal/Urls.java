package org.agenticdeals.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Absolute http(s) URLs, checked without fetching anything. */
public final class Urls {

    public static final int MAX_LENGTH = 2048;

    private Urls() {
    }

    /** The reason {@code url} is not an absolute http(s) URL of at most {@value #MAX_LENGTH} characters, or null if it is. */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, was " + url.length();
        }
        if (url.chars().anyMatch(character -> Character.isWhitespace(character) || Character.isISOControl(character))) {
            return "must not contain whitespace or control characters";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "must be an http or https URL";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "must name a host";
            }
            return null;
        } catch (URISyntaxException malformed) {
            return "is not a valid URL";
        }
    }
}
