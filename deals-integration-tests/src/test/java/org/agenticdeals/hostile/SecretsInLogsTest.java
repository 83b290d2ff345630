package org.agenticdeals.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.agenticdeals.users.RegisteredUser;
import org.agenticdeals.users.Registration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No secret is logged, at any level, nor carried by an exception: while every slf4j logger is captured at TRACE (the
 * library's, jOOQ's, HikariCP's, the testkit's; see {@link CapturingLogProvider}) and java.util.logging at ALL, a user
 * registers, verifies (with right, wrong and spent tokens), authenticates (right and wrong password, unknown address),
 * changes the password (right and wrong current one) and fails validations with the password in a field. Neither
 * password, nor a verification token, nor its SHA-256, nor the stored bcrypt hash appears in a log line or an exception
 * message.
 *
 * <p>One exception to the capture, on purpose: the PostgreSQL driver's protocol trace ({@code org.postgresql} below
 * FINE), which prints every bind value of every statement (a token's hash among them) like a packet capture would. It
 * is off unless a host turns it on; docs say never to in production.
 */
@Tag("reliability")
class SecretsInLogsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void noPasswordTokenOrHashIsLoggedAtAnyLevelOrCarriedByAnException(Deals deals, TestDatabase test) throws Exception {
        assertThat(CapturingLogProvider.active()).as("slf4j binds CapturingLogProvider (surefire sets slf4j.provider)").isTrue();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "keeper-" + suffix + "@example.com";
        String password = "Secret Passphrase " + suffix;
        String newPassword = "Another Passphrase " + suffix;
        var failures = new ArrayList<Throwable>();
        var secrets = new ArrayList<String>(List.of(password, newPassword));
        List<String> events;
        List<String> julRecords;
        try (CapturingLogProvider.Capture capture = CapturingLogProvider.capture(); JulCapture jul = new JulCapture()) {
            RegisteredUser registered = deals.users().register(new Registration(email, password, "Secret Keeper"));
            UUID userId = registered.user().id();
            String token = registered.verificationToken();
            secrets.add(token);
            secrets.add(sha256(token));
            failures.add(catchThrowable(() -> deals.users().verifyEmail(token.substring(1) + "A")));
            failures.add(catchThrowable(() -> deals.users().verifyEmail(token + " trailing " + password)));
            String reissued = deals.users().requestVerificationToken(userId);
            secrets.add(reissued);
            secrets.add(sha256(reissued));
            failures.add(catchThrowable(() -> deals.users().verifyEmail(token)));
            deals.users().verifyEmail(reissued);
            failures.add(catchThrowable(() -> deals.users().verifyEmail(reissued)));
            deals.users().authenticate(email, password);
            deals.users().authenticate(email.toUpperCase(Locale.ROOT), password);
            failures.add(catchThrowable(() -> deals.users().authenticate(email, password + "!")));
            failures.add(catchThrowable(() -> deals.users().authenticate("nobody-" + suffix + "@example.com", password)));
            failures.add(catchThrowable(() -> deals.users().authenticate(password, password)));
            failures.add(catchThrowable(() -> deals.users().changePassword(userId, password + "!", newPassword)));
            failures.add(catchThrowable(() -> deals.users().changePassword(userId, password, password)));
            failures.add(catchThrowable(() -> deals.users().changePassword(userId, password, "short")));
            deals.users().changePassword(userId, password, newPassword);
            failures.add(catchThrowable(() -> deals.users().authenticate(email, password)));
            deals.users().authenticate(email, newPassword);
            // Validations with the password where it does not belong, or breaking the policy.
            failures.add(catchThrowable(() -> deals.users().register(new Registration(password, password, null))));
            failures.add(catchThrowable(() -> deals.users().register(new Registration("other-" + suffix + "@example.com", password, password + "\u0000"))));
            failures.add(catchThrowable(() -> deals.users().register(new Registration(email, newPassword, null))));
            failures.add(catchThrowable(() -> deals.users().register(new Registration("long-" + suffix + "@example.com", password.repeat(5), null))));
            failures.add(catchThrowable(() -> deals.users().register(new Registration("keeper-" + suffix + "-two@example.com", "keeper-" + suffix
                    + "-two and more", null))));
            failures.add(catchThrowable(() -> deals.users().findByEmail(password)));
            failures.add(catchThrowable(() -> deals.sharing().share(userId, org.agenticdeals.sharing.NewShare.byEmail(UUID.randomUUID(), List.of(password)))));
            // A DEBUG line of the library's: proof that the capture sees levels below the configured INFO.
            failures.add(catchThrowable(() -> deals.sharing().resolve("not-a-link")));
            events = capture.events();
            julRecords = jul.records();
        }
        secrets.add(test.ownerDsl().fetchValue("select hashed_password from deals.users where id = (select id from deals.users where email = ?)", email)
                .toString());

        assertThat(events).as("the capture sees the library's DEBUG lines").anyMatch(event -> event.startsWith("DEBUG") && event.contains("share link refused"));
        assertThat(failures).as("every call meant to fail failed with a refusal").allSatisfy(failure -> assertThat(failure).isInstanceOf(DealsRefusal.class));
        assertThat(failures).hasAtLeastOneElementOfType(ShareLinkUnavailableException.class);
        for (String secret : secrets) {
            assertThat(events).as("log events").noneMatch(event -> event.contains(secret));
            assertThat(julRecords).as("java.util.logging records").noneMatch(record -> record.contains(secret));
            for (Throwable failure : failures) {
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    assertThat(String.valueOf(cause.getMessage())).as(failure.getClass().getSimpleName()).doesNotContain(secret);
                    assertThat(cause.toString()).doesNotContain(secret);
                }
            }
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Every java.util.logging record at every level while open (the PostgreSQL driver's protocol trace below FINE aside). */
    private static final class JulCapture extends Handler implements AutoCloseable {

        private final List<String> records = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Logger root = Logger.getLogger("");
        private final Logger driver = Logger.getLogger("org.postgresql");
        private final Level rootLevel = root.getLevel();
        private final Level driverLevel = driver.getLevel();
        private final SimpleFormatter formatter = new SimpleFormatter();

        JulCapture() {
            setLevel(Level.ALL);
            root.addHandler(this);
            root.setLevel(Level.ALL);
            driver.setLevel(Level.FINE);
        }

        List<String> records() {
            return new ArrayList<>(records);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(rootLevel);
            driver.setLevel(driverLevel);
        }
    }
}
