package org.agenticdeals.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;

/**
 * The password rules: long enough, at most bcrypt's 72 bytes, printable, not a common password, not the
 * e-mail address, not a handful of characters repeated. Messages name the rule and never the password.
 */
final class PasswordPolicy {

    static final int MAX_BYTES = 72;
    private static final int MIN_DISTINCT_CHARACTERS = 4;
    private static final Set<String> COMMON = load();

    private final int minLength;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** Refuses a password that breaks a rule, as {@code field}. */
    void check(String field, String password, String email) {
        if (password == null) {
            throw new ValidationException(field, "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            throw new ValidationException(field, "must be at least " + minLength + " characters, was " + length);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ValidationException(field, "must be at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt's limit)");
        }
        if (Checks.hasControlCharacters(password) || password.indexOf('\n') >= 0 || password.indexOf('\t') >= 0
                || Checks.hasLoneSurrogate(password)) {
            throw new ValidationException(field, "must contain only printable characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw new ValidationException(field, "is too common");
        }
        if (email != null) {
            String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
            if (lower.contains(email) || localPart.length() >= 4 && lower.contains(localPart)) {
                throw new ValidationException(field, "must not contain the e-mail address");
            }
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new ValidationException(field, "must use at least " + MIN_DISTINCT_CHARACTERS + " different characters");
        }
    }

    /** Whether the password could be one the policy ever allowed: authentication refuses the rest without a lookup. */
    static boolean plausible(String password) {
        return password != null && !password.isEmpty() && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
