package org.agenticdeals.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.PageRequest;
import org.agenticdeals.analysis.AnalysisStatus;
import org.agenticdeals.analysis.AnalysisWorker;
import org.agenticdeals.analysis.RuleBasedAnalysisProvider;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.preferences.Theme;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's quick start runs as written on a seeded database, and the README shows the code that runs. */
class QuickStartTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void theQuickStartDoesWhatItsCommentsSay(TestDatabase test, SeedData seed) {
        UUID packageId = seed.packages().stream().filter(SeedData.TokenPackage::active).findFirst().orElseThrow().id();
        UUID sourceId = seed.source("Amazon Product Advertising API").id();
        UUID market = seed.market("Amazon").id();
        List<DealInput> inputs = List.of(
                new DealInput("Noise Cancelling Travel Headphones", null, "https://www.amazon.com/dp/quickstart-1", null,
                        new BigDecimal("199.00"), new BigDecimal("149.00"), market, null, null),
                new DealInput("Refused: price above the original", null, "https://www.amazon.com/dp/quickstart-2", null,
                        new BigDecimal("10.00"), new BigDecimal("12.00"), market, null, null));

        QuickStart.Outcome outcome = QuickStart.run(test.ownerDataSource(), test.application().user(), test.dataSource(), packageId, sourceId,
                inputs, new RuleBasedAnalysisProvider(test.deals().catalog()));
        outcome.worker().close();
        try (AnalysisWorker finisher = AnalysisWorker.builder(outcome.deals().analysis(), new RuleBasedAnalysisProvider(outcome.deals().catalog()))
                .build()) {
            finisher.drain();
        }

        UUID user = outcome.user().id();
        assertThat(outcome.user().verified()).isTrue();
        assertThat(outcome.deals().preferences().get(user).theme()).isEqualTo(Theme.DARK);
        assertThat(outcome.deals().preferences().get(user).minDiscountPercentage()).isEqualTo(30);
        assertThat(outcome.deals().savedDeals().list(user, PageRequest.first(10)).items()).hasSize(1);
        assertThat(outcome.deals().goals().matches(user, outcome.goal().id(), PageRequest.first(10)).items()).isNotEmpty();
        assertThat(outcome.deals().sharing().find(user, outcome.share().id()).orElseThrow().clickCount()).isEqualTo(1);
        assertThat(outcome.deals().analysis().find(user, outcome.asked().id()).orElseThrow().status()).isEqualTo(AnalysisStatus.COMPLETED);
        assertThat(outcome.deals().ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void theReadmeShowsTheQuickStartAsCompiled() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/agenticdeals/examples/QuickStart.java"));
        String readme = Files.readString(Path.of("../README.md"));
        String body = source.substring(source.indexOf("// README quick start: begin\n") + "// README quick start: begin\n".length(),
                source.indexOf("        // README quick start: end"));
        for (String line : body.split("\n")) {
            assertThat(readme).as("README line").contains(line.strip()
                    .replace("applicationRole(applicationRole)", "applicationRole(\"deals_app\")"));
        }
    }
}
