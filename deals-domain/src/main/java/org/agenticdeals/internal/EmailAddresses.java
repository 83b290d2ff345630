package org.agenticdeals.internal;

import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import java.util.Locale;
import org.agenticdeals.ValidationException;

/** E-mail addresses as stored: trimmed, lower-cased and valid by JMail's strict rules (RFC 5321/5322, no regex). */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final EmailValidator VALIDATOR = JMail.strictValidator()
            .disallowIpDomain()
            .disallowQuotedIdentifiers()
            .disallowObsoleteWhitespace();

    private EmailAddresses() {
    }

    /** The normalized address, or a refusal naming {@code field}. */
    public static String normalize(String field, String email) {
        if (email == null) {
            throw new ValidationException(field, "is required");
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty()) {
            throw new ValidationException(field, "must not be blank");
        }
        if (normalized.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_LENGTH + " characters, was " + normalized.length());
        }
        if (Checks.hasControlCharacters(normalized) || Checks.hasLoneSurrogate(normalized) || !VALIDATOR.isValid(normalized)) {
            // Not echoed: what people type into an address field by mistake is often their password.
            throw new ValidationException(field, "is not a valid e-mail address (" + normalized.length() + " characters)");
        }
        return normalized;
    }
}
