package org.agenticdeals.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.agenticdeals.codegen.JooqGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generating again from the same migrations gives byte-identical sources: the build is reproducible. */
class GeneratedSourcesTest {

    private static final Path BUILD_OUTPUT = Path.of("target", "generated-sources", "jooq");

    @Test
    void regeneratingGivesIdenticalSources(@TempDir Path again) throws Exception {
        JooqGenerator.generate(again);

        Map<String, String> built = sources(BUILD_OUTPUT);
        Map<String, String> regenerated = sources(again);
        assertThat(built).hasSizeGreaterThan(40);
        assertThat(regenerated.keySet()).isEqualTo(built.keySet());
        built.forEach((file, content) -> assertThat(regenerated.get(file)).as(file).isEqualTo(content));
    }

    @Test
    void noPartitionNorFlywayHistoryIsGenerated() throws IOException {
        assertThat(sources(BUILD_OUTPUT).keySet())
                .noneMatch(file -> file.contains("TokenTransactionsDefault") || file.matches(".*TokenTransactionsY\\d{4}m\\d{2}.*"))
                .noneMatch(file -> file.contains("FlywaySchemaHistory"))
                .contains("org/agenticdeals/jooq/tables/TokenTransactions.java");
    }

    private static Map<String, String> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            var contents = new TreeMap<String, String>();
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                contents.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
            return contents;
        }
    }
}
