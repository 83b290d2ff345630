package org.agenticdeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.agenticdeals.users.RegisteredUser;
import org.agenticdeals.users.Registration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No plaintext password or verification token is stored anywhere: every text and JSON column of every table is scanned. */
class SecretsAtRestTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void noPlaintextPasswordOrTokenIsStored(Deals deals, TestDatabase test) {
        String password = "plaintext-marker-4f9a";
        RegisteredUser registered = deals.users().register(new Registration("secret.keeper@example.com", password, "Keeper"));
        String secondToken = deals.users().requestVerificationToken(registered.user().id());
        deals.users().changePassword(registered.user().id(), password, "another-marker-77b1");
        deals.users().authenticate("secret.keeper@example.com", "another-marker-77b1");

        List<String> secrets = List.of(password, "another-marker-77b1", registered.verificationToken(), secondToken);
        DSLContext owner = test.ownerDsl();
        var columns = owner.fetch("""
                SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = 'deals'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND a.attnum > 0 AND NOT a.attisdropped
                  AND format_type(a.atttypid, a.atttypmod) ~ '^(text|character varying|jsonb|json)'
                """);
        var leaks = new ArrayList<String>();
        for (var column : columns) {
            String table = column.get(0, String.class);
            String name = column.get(1, String.class);
            for (String secret : secrets) {
                long hits = ((Number) owner.fetchValue("SELECT count(*) FROM deals." + table + " WHERE " + name + "::text LIKE ?",
                        "%" + secret + "%")).longValue();
                if (hits > 0) {
                    leaks.add(table + "." + name);
                }
            }
        }
        assertThat(columns).hasSizeGreaterThan(50);
        assertThat(leaks).isEmpty();
    }
}
