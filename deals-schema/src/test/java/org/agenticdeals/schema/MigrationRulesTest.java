package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/operations.md for migrations a running system takes: from the second migration on, no
 * statement may hold a long lock on a table that already exists. A statement can opt out with a preceding
 * {@code -- lock-safe: <reason>} comment, which a reviewer then has to accept.
 */
@Tag("unit")
class MigrationRulesTest {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", DealsSchema.MIGRATION_LOCATION);
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Pattern CREATED_TABLE = Pattern.compile("(?i)create (?:materialized view|table) (?:if not exists )?(\\w+)");
    private static final Pattern DOLLAR_BODY = Pattern.compile("(?s)\\$(\\w*)\\$.*?\\$\\1\\$");
    private static final Pattern INDEX_TARGET = Pattern.compile("(?i)create (?:unique )?index (concurrently )?(?:if not exists )?\\w+ on (?:only )?(\\w+)");

    @Test
    void everyMigrationAfterTheFirstFollowsTheOnlineRules() throws IOException {
        var violations = new ArrayList<String>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.sorted().toList()) {
                Matcher versioned = VERSIONED.matcher(file.getFileName().toString());
                if (versioned.matches() && Integer.parseInt(versioned.group(1)) >= 2) {
                    violations.addAll(check(file.getFileName().toString(), Files.readString(file)));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRulesCatchTheClassicMistakes() {
        String script = """
                CREATE TABLE fresh (id int);
                CREATE INDEX fresh_id ON fresh (id);
                CREATE INDEX deals_title ON deals (title);
                ALTER TABLE deals ADD CONSTRAINT title_not_empty CHECK (title <> '');
                ALTER TABLE deals ADD CONSTRAINT deals_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE deals ALTER COLUMN title TYPE text;
                ALTER TABLE deals ALTER COLUMN description SET NOT NULL;
                ALTER TABLE deals ADD COLUMN token uuid DEFAULT gen_random_uuid();
                ALTER TABLE deals ADD COLUMN rank int DEFAULT 0;
                -- lock-safe: deals_legacy is empty in every release
                CREATE INDEX legacy ON deals_legacy (id);
                """;

        assertThat(check("V9__sample.sql", script)).containsExactly(
                "V9__sample.sql: index on existing table deals without CONCURRENTLY: CREATE INDEX deals_title ON deals (title)",
                "V9__sample.sql: constraint validated under lock, add it NOT VALID and VALIDATE it later: ALTER TABLE deals ADD CONSTRAINT title_not_empty CHECK (title <> '')",
                "V9__sample.sql: column type change rewrites the table: ALTER TABLE deals ALTER COLUMN title TYPE text",
                "V9__sample.sql: SET NOT NULL scans the table under lock, use a validated CHECK first: ALTER TABLE deals ALTER COLUMN description SET NOT NULL",
                "V9__sample.sql: volatile default rewrites the table: ALTER TABLE deals ADD COLUMN token uuid DEFAULT gen_random_uuid()");
    }

    @Test
    void concurrentStatementsMustHaveTheirMigrationToThemselves() {
        assertThat(check("V9__mixed.sql", "CREATE INDEX CONCURRENTLY a ON deals (title);\nUPDATE deals SET title = title;"))
                .containsExactly("V9__mixed.sql: a migration using CONCURRENTLY runs outside a transaction and must contain nothing else");
    }

    static List<String> check(String name, String script) {
        var violations = new ArrayList<String>();
        Set<String> createdHere = new HashSet<>();
        // Function bodies are not statements of the migration: what they do happens when they are called.
        List<String> statements = SqlScript.split(script).stream().map(statement -> DOLLAR_BODY.matcher(statement).replaceAll("\\$body\\$"))
                .toList();
        long concurrent = statements.stream().map(MigrationRulesTest::withoutComments)
                .filter(statement -> statement.toLowerCase(Locale.ROOT).contains(" concurrently ")).count();
        if (concurrent > 0 && concurrent < statements.size()) {
            violations.add(name + ": a migration using CONCURRENTLY runs outside a transaction and must contain nothing else");
        }
        for (String statement : statements) {
            boolean waived = statement.lines().anyMatch(line -> line.strip().startsWith("-- lock-safe:"));
            String sql = withoutComments(statement);
            String lower = sql.toLowerCase(Locale.ROOT);
            Matcher created = CREATED_TABLE.matcher(sql);
            if (created.lookingAt()) {
                createdHere.add(created.group(1).toLowerCase(Locale.ROOT));
                continue;
            }
            if (waived) {
                continue;
            }
            Matcher index = INDEX_TARGET.matcher(sql);
            if (index.lookingAt() && index.group(1) == null && !createdHere.contains(index.group(2).toLowerCase(Locale.ROOT))) {
                violations.add(name + ": index on existing table " + index.group(2) + " without CONCURRENTLY: " + sql);
            }
            if (lower.matches("alter table .* add constraint .*(check|foreign key|references).*") && !lower.contains("not valid")
                    && !createdHere.contains(tableOf(lower))) {
                violations.add(name + ": constraint validated under lock, add it NOT VALID and VALIDATE it later: " + sql);
            }
            if (lower.matches("alter table .* alter column \\w+ (set data )?type .*")) {
                violations.add(name + ": column type change rewrites the table: " + sql);
            }
            if (lower.matches("alter table .* alter column \\w+ set not null.*") && !createdHere.contains(tableOf(lower))) {
                violations.add(name + ": SET NOT NULL scans the table under lock, use a validated CHECK first: " + sql);
            }
            if (lower.matches("alter table .* add column .* default .*(gen_random_uuid|random|clock_timestamp|uuid_generate).*")) {
                violations.add(name + ": volatile default rewrites the table: " + sql);
            }
            if (lower.startsWith("vacuum full") || lower.startsWith("cluster") || lower.startsWith("lock table")) {
                violations.add(name + ": takes an exclusive lock for the whole operation: " + sql);
            }
        }
        return violations;
    }

    private static String withoutComments(String statement) {
        return statement.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (all, line) -> all + " " + line)
                .strip().replaceAll("\\s+", " ");
    }

    private static String tableOf(String alterStatement) {
        return alterStatement.replaceAll("^alter table (?:only )?(?:if exists )?(\\w+).*", "$1");
    }
}
