package org.agenticdeals.examples;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.analysis.AnalysisProvider;
import org.agenticdeals.analysis.AnalysisRequest;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisWorker;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.interactions.TrendingDeal;
import org.agenticdeals.preferences.Theme;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.Share;
import org.agenticdeals.users.RegisteredUser;
import org.agenticdeals.users.Registration;
import org.agenticdeals.users.User;

/**
 * The README's quick start, compiled, so that every call it shows exists with the signature it shows;
 * {@code QuickStartTest} runs it on a seeded database. The body between the markers is the README's text.
 */
final class QuickStart {

    /** What the quick start leaves behind, for its test. */
    record Outcome(Deals deals, User user, Goal goal, Share share, List<TrendingDeal> trending, AnalysisRequest asked, AnalysisWorker worker) {
    }

    private QuickStart() {
    }

    static Outcome run(DataSource ownerDataSource, String applicationRole, DataSource appPool, UUID packageId, UUID sourceId,
                       List<DealInput> dealInputs, AnalysisProvider yourModelProvider) {
        // README quick start: begin
        DealsSchema.builder(ownerDataSource).applicationRole(applicationRole).build().migrate();      // at start-up, as the schema's owner
        Deals deals = Deals.create(DealsConfig.builder().dataSource(appPool).build());              // one per database, thread-safe

        RegisteredUser alice = deals.users().register(new Registration("alice@example.org", "a long passphrase", "Alice"));
        deals.users().verifyEmail(alice.verificationToken());                                       // the token you e-mailed her
        User user = deals.users().authenticate("alice@example.org", "a long passphrase");
        deals.preferences().update(user.id(), current -> current.withTheme(Theme.DARK));
        deals.ledger().purchase(user.id(), packageId, "pay_3HkQ2x");                                // idempotent on the payment reference
        IngestionResult batch = deals.catalog().ingest(sourceId, dealInputs);                       // one upsert; bad items refused by index
        Page<DealView> page = deals.catalog().search(DealQuery.all().withText("noise cancelling"), PageRequest.first(20));
        deals.savedDeals().save(user.id(), page.items().get(0).id(), "gift idea");
        Goal goal = deals.goals().create(user.id(), NewGoal.of("Quiet flights", GoalParameters.none().withKeywords("noise cancelling")));
        deals.goals().rematch(user.id(), goal.id());                                                // later batches: matchNewDeals(batch.dealIds())
        deals.notifications().notifyPriceDrops(batch.priceDrops());                                 // your sender: pendingDeliveries(now, 100)
        Share share = deals.sharing().share(user.id(), NewShare.byLink(page.items().get(0).id()));
        DealView shared = deals.sharing().resolve(share.publicLinkId());                            // an anonymous visitor; counts the click
        List<TrendingDeal> trending = deals.interactions().trending(20);
        AnalysisRequest asked = deals.analysis().request(user.id(), AnalysisSubject.deal(shared.id()), "deal_analysis"); // paid up front
        AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), yourModelProvider).build();
        worker.start();                                                                             // answers requests, refunds what was not used
        deals.useTransaction(tx -> tx.preferences().update(user.id(), current -> current.withMinDiscountPercentage(30))); // calls in one transaction
        // README quick start: end
        return new Outcome(deals, user, goal, share, trending, asked, worker);
    }
}
