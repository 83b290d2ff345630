package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        String script = """
                -- a comment; not a statement
                CREATE TABLE t (a text DEFAULT 'x;y', "odd;name" int);
                /* block; /* nested; */ still comment; */
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;
                INSERT INTO t (a) VALUES (E'it\\'s; fine'), ('it''s; fine');
                SELECT $$;$$, $1
                """;

        assertThat(SqlScript.split(script)).containsExactly(
                "-- a comment; not a statement\nCREATE TABLE t (a text DEFAULT 'x;y', \"odd;name\" int)",
                "/* block; /* nested; */ still comment; */\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$",
                "INSERT INTO t (a) VALUES (E'it\\'s; fine'), ('it''s; fine')",
                "SELECT $$;$$, $1");
    }

    @Test
    void dropsStatementsThatAreOnlyComments() {
        assertThat(SqlScript.split("-- nothing\n;\n/* still nothing */;")).isEmpty();
    }

    @Test
    void refusesUnterminatedText() {
        assertThatThrownBy(() -> SqlScript.split("SELECT 'open")).hasMessageContaining("unterminated quoted text");
        assertThatThrownBy(() -> SqlScript.split("DO $x$ BEGIN")).hasMessageContaining("unterminated dollar-quoted string $x$");
    }

    @Test
    void replacesKnownPlaceholdersAndRefusesUnknownOnes() {
        assertThat(SqlScript.replacePlaceholders("SET search_path = ${flyway:defaultSchema}", Map.of("flyway:defaultSchema", "deals")))
                .isEqualTo("SET search_path = deals");
        assertThatThrownBy(() -> SqlScript.replacePlaceholders("${missing}", Map.of())).hasMessage("no value for placeholder ${missing}");
    }
}
