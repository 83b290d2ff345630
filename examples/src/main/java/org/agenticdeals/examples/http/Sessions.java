package org.agenticdeals.examples.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque session tokens, kept in memory: {@code POST /login} checks the password once (bcrypt is slow on purpose,
 * about 250 ms at cost 12) and later requests present the token. Enough for an example; a real host keeps sessions
 * where all its instances see them and survive a restart (its database, or a signed token), and expires idle ones.
 */
final class Sessions {

    private static final int TOKEN_BYTES = 32;

    private record Session(UUID userId, Instant expiresAt) {
    }

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new token for the user, valid for the session lifetime. */
    String open(UUID userId) {
        var bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Session(userId, clock.instant().plus(lifetime)));
        return token;
    }

    /** The user of a live session; empty for an unknown or expired token (which is forgotten). */
    Optional<UUID> userOf(String token) {
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            byToken.remove(token, session);
            return Optional.empty();
        }
        return Optional.of(session.userId());
    }

    /** Ends a session; true if it was live. */
    boolean close(String token) {
        return byToken.remove(token) != null;
    }
}
