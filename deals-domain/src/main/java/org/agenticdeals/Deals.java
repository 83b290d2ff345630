package org.agenticdeals;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.agenticdeals.analysis.Analysis;
import org.agenticdeals.catalog.DealCatalog;
import org.agenticdeals.catalog.SavedDeals;
import org.agenticdeals.goals.Goals;
import org.agenticdeals.interactions.Interactions;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.internal.Transactions;
import org.agenticdeals.ledger.TokenLedger;
import org.agenticdeals.notifications.Notifications;
import org.agenticdeals.preferences.Preferences;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.sharing.Sharing;
import org.agenticdeals.users.Users;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The library's one entry point: the domain services over one PostgreSQL database.
 *
 * <pre>{@code
 * Deals deals = Deals.create(DealsConfig.builder().dataSource(dataSource).build());
 * RegisteredUser alice = deals.users().register(new Registration("alice@example.com", "a long passphrase", "Alice"));
 * deals.preferences().update(alice.user().id(), current -> current.withTheme(Theme.DARK));
 * }</pre>
 *
 * <p>Every facade method runs in one transaction of its own, in the security context of the user it acts for
 * (row-level security holds even for a query that forgets its {@code WHERE}). To compose several calls into
 * one transaction use {@link #inTransaction(Function)}: each call becomes a savepoint of it.
 *
 * <p>Thread-safe; create one instance per database and share it. It holds no connections of its own: the data
 * source (a pool) does.
 */
public final class Deals {

    private final DealsConfig config;
    private final ServiceContext context;
    private final Users users;
    private final Preferences preferences;
    private final TokenLedger ledger;
    private final DealCatalog catalog;
    private final SavedDeals savedDeals;
    private final Goals goals;
    private final Notifications notifications;
    private final Sharing sharing;
    private final Interactions interactions;
    private final Analysis analysis;

    private Deals(DealsConfig config, ServiceContext context) {
        this.config = config;
        this.context = context;
        this.users = new Users(context);
        this.preferences = new Preferences(context);
        this.ledger = new TokenLedger(context);
        this.catalog = new DealCatalog(context);
        this.savedDeals = new SavedDeals(context);
        this.goals = new Goals(context);
        this.notifications = new Notifications(context);
        this.sharing = new Sharing(context);
        this.interactions = new Interactions(context);
        this.analysis = new Analysis(context);
    }

    /**
     * Creates the entry point and checks that the schema is migrated at least to the version this library
     * needs.
     *
     * @param config the validated configuration, its data source connecting as the application role
     * @return the entry point; share it
     * @throws IllegalStateException if the schema is missing or older than the library (run
     *                               {@link DealsSchema#migrate()} first)
     */
    public static Deals create(DealsConfig config) {
        Objects.requireNonNull(config, "config");
        requireMigrated(config);
        DSLContext root = DSL.using(config.dataSource(), SQLDialect.POSTGRES, settings(config.schema()));
        var transactions = new Transactions(root, config.maxTransactionRetries(), config.statementTimeout(), config.lockTimeout());
        return new Deals(config, new ServiceContext(transactions, config));
    }

    /** {@return users and authentication} */
    public Users users() {
        return users;
    }

    /** {@return preferences and notification settings} */
    public Preferences preferences() {
        return preferences;
    }

    /** {@return the token ledger} */
    public TokenLedger ledger() {
        return ledger;
    }

    /** {@return markets, sources, categories, ingestion, search, price history, statistics} */
    public DealCatalog catalog() {
        return catalog;
    }

    /** {@return the deals users saved} */
    public SavedDeals savedDeals() {
        return savedDeals;
    }

    /** {@return users' goals and the matching of deals to them} */
    public Goals goals() {
        return goals;
    }

    /** {@return the notification inbox and the hand-off to e-mail and push senders} */
    public Notifications notifications() {
        return notifications;
    }

    /** {@return sharing deals by e-mail, link or social post, and resolving shared links} */
    public Sharing sharing() {
        return sharing;
    }

    /** {@return users' interactions with deals, and the popularity they add up to} */
    public Interactions interactions() {
        return interactions;
    }

    /** {@return AI models, prompt templates and the paid analysis request queue} */
    public Analysis analysis() {
        return analysis;
    }

    /** {@return the configuration this instance was created with} */
    public DealsConfig config() {
        return config;
    }

    /**
     * Runs {@code work} in one transaction: every facade call made through the {@code Deals} it receives is a
     * savepoint of that transaction, so either all of them take effect or none. A serialization failure or
     * deadlock retries the whole transaction (a bounded number of times), so {@code work} must have no effects
     * outside the database. Calls made through the outer instance inside {@code work} run in transactions of their
     * own.
     *
     * @param <T> the result's type
     * @param work the calls to make, through the {@code Deals} it is given
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Function<Deals, T> work) {
        Objects.requireNonNull(work, "work");
        return context.transactions().runComposed(transaction -> work.apply(within(transaction)));
    }

    /**
     * {@link #inTransaction(Function)} for work without a result.
     *
     * @param work the calls to make, through the {@code Deals} it is given
     */
    public void useTransaction(Consumer<Deals> work) {
        Objects.requireNonNull(work, "work");
        inTransaction(deals -> {
            work.accept(deals);
            return null;
        });
    }

    private Deals within(Configuration transaction) {
        return new Deals(config, context.within(transaction));
    }

    private static Settings settings(String schema) {
        var settings = new Settings()
                // Bind values include password hashes and token hashes: never log statements.
                .withExecuteLogging(false)
                // Times as timestamptz values, not as strings cast in SQL: a text-to-timestamptz cast is not constant (it
                // depends on TimeZone), so a filter comparing a column with one parsed the string again for every row
                // (trending over a million interactions: 150 ms instead of 45 ms).
                .withBindOffsetDateTimeType(true);
        if (!schema.equals(DealsSchema.DEFAULT_SCHEMA)) {
            settings.withRenderMapping(new RenderMapping()
                    .withSchemata(new MappedSchema().withInput(DealsSchema.DEFAULT_SCHEMA).withOutput(schema)));
        }
        return settings;
    }

    private static void requireMigrated(DealsConfig config) {
        DealsSchema schema = DealsSchema.builder(config.dataSource()).schema(config.schema()).build();
        String needed = schema.latestVersion();
        String current = schema.currentVersion().orElseThrow(() -> new IllegalStateException(
                "schema " + config.schema() + " has no migrations applied: run DealsSchema.migrate() first"));
        if (org.flywaydb.core.api.MigrationVersion.fromVersion(current).compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(needed)) < 0) {
            throw new IllegalStateException("schema " + config.schema() + " is at version " + current + " but this library needs " + needed
                    + ": run DealsSchema.migrate() first");
        }
    }
}
