package org.agenticdeals;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The immutable, validated configuration of a {@link Deals} instance.
 *
 * <pre>{@code
 * DealsConfig config = DealsConfig.builder()
 *         .dataSource(hikariDataSource)        // connects as the application role
 *         .bcryptCost(12)
 *         .build();
 * }</pre>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Rule</th></tr>
 *   <tr><td>{@code dataSource}</td><td>required</td><td>a pool (HikariCP recommended) connecting as a non-superuser role</td></tr>
 *   <tr><td>{@code schema}</td><td>{@code deals}</td><td>the schema the migrations created</td></tr>
 *   <tr><td>{@code clock}</td><td>system UTC</td><td>every timestamp the services write comes from it</td></tr>
 *   <tr><td>{@code idGenerator}</td><td>time-ordered UUIDs (version 7)</td><td>ids of new rows; see docs/decisions.md D51</td></tr>
 *   <tr><td>{@code bcryptCost}</td><td>12</td><td>4 to 31</td></tr>
 *   <tr><td>{@code minPasswordLength}</td><td>10</td><td>8 to 64</td></tr>
 *   <tr><td>{@code verificationTokenTtl}</td><td>24 h</td><td>1 minute to 30 days</td></tr>
 *   <tr><td>{@code signupBonusTokens}</td><td>50</td><td>0 to 1,000,000</td></tr>
 *   <tr><td>{@code referralBonusTokens}</td><td>25</td><td>0 to 1,000,000; for the referrer and the referee each</td></tr>
 *   <tr><td>{@code promotionalCreditLifetime}</td><td>90 days</td><td>1 day to 10 years; unspent bonus and code
 *       tokens expire after it</td></tr>
 *   <tr><td>{@code maxTransactionRetries}</td><td>3</td><td>0 to 10; retries on serialization failures and deadlocks</td></tr>
 *   <tr><td>{@code statementTimeout}</td><td>30 s</td><td>per statement, set in every transaction</td></tr>
 *   <tr><td>{@code lockTimeout}</td><td>5 s</td><td>per lock wait, set in every transaction</td></tr>
 *   <tr><td>{@code searchProbeWindow}</td><td>4,000</td><td>0 to 100,000; how many deals a text search walks in its
 *       page's order before it starts from the text index instead (0: always from the index); see docs/catalog.md</td></tr>
 *   <tr><td>{@code alertsPerGoalPerHour}</td><td>5</td><td>1 to 1,000; deal alerts one goal may send in an hour; the rest are
 *       folded into one digest</td></tr>
 *   <tr><td>{@code readNotificationRetention}</td><td>90 days</td><td>1 day to 10 years; read notifications older than it are
 *       deleted by {@code notifications().purgeRead()}</td></tr>
 *   <tr><td>{@code deliveryClaimTimeout}</td><td>5 minutes</td><td>1 second to 1 day; a claimed delivery not marked delivered
 *       within it is handed out again</td></tr>
 *   <tr><td>{@code analysisClaimTimeout}</td><td>10 minutes</td><td>1 second to 1 day; an analysis request a worker has held
 *       longer is taken back by {@code analysis().reclaimStuck()}; set it above the provider's slowest call</td></tr>
 *   <tr><td>{@code analysisMaxAttempts}</td><td>3</td><td>1 to 20; claims an analysis request may have before the reclaim
 *       job fails it and refunds it</td></tr>
 *   <tr><td>{@code parallelIngestion}</td><td>true</td><td>a batch of more than 1,000 deals borrows a second pooled connection
 *       for a moment to compute search vectors while the first writes (about a quarter faster); false keeps ingestion to
 *       one connection</td></tr>
 *   <tr><td>{@code matchingParallelism}</td><td>2</td><td>1 to 16; pooled connections one {@code matchNewDeals} call of at least
 *       200 deals may use at once, each matching a share of the goals in a transaction of its own; 1 keeps a run to one
 *       connection and one transaction</td></tr>
 * </table>
 */
public final class DealsConfig {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String schema;
    private final Clock clock;
    private final Supplier<UUID> idGenerator;
    private final int bcryptCost;
    private final int minPasswordLength;
    private final Duration verificationTokenTtl;
    private final int signupBonusTokens;
    private final int referralBonusTokens;
    private final Duration promotionalCreditLifetime;
    private final int maxTransactionRetries;
    private final Duration statementTimeout;
    private final Duration lockTimeout;
    private final int searchProbeWindow;
    private final int alertsPerGoalPerHour;
    private final Duration readNotificationRetention;
    private final Duration deliveryClaimTimeout;
    private final Duration analysisClaimTimeout;
    private final int analysisMaxAttempts;
    private final boolean parallelIngestion;
    private final int matchingParallelism;

    private DealsConfig(Builder builder) {
        this.dataSource = builder.dataSource;
        this.schema = builder.schema;
        this.clock = builder.clock;
        this.idGenerator = builder.idGenerator;
        this.bcryptCost = builder.bcryptCost;
        this.minPasswordLength = builder.minPasswordLength;
        this.verificationTokenTtl = builder.verificationTokenTtl;
        this.signupBonusTokens = builder.signupBonusTokens;
        this.referralBonusTokens = builder.referralBonusTokens;
        this.promotionalCreditLifetime = builder.promotionalCreditLifetime;
        this.maxTransactionRetries = builder.maxTransactionRetries;
        this.statementTimeout = builder.statementTimeout;
        this.lockTimeout = builder.lockTimeout;
        this.searchProbeWindow = builder.searchProbeWindow;
        this.alertsPerGoalPerHour = builder.alertsPerGoalPerHour;
        this.readNotificationRetention = builder.readNotificationRetention;
        this.deliveryClaimTimeout = builder.deliveryClaimTimeout;
        this.analysisClaimTimeout = builder.analysisClaimTimeout;
        this.analysisMaxAttempts = builder.analysisMaxAttempts;
        this.parallelIngestion = builder.parallelIngestion;
        this.matchingParallelism = builder.matchingParallelism;
    }

    /**
     * Starts a configuration with every default; only {@code dataSource} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration's values, to derive a changed copy.
     *
     * @return a new builder with these values
     */
    public Builder toBuilder() {
        return new Builder()
                .dataSource(dataSource).schema(schema).clock(clock).idGenerator(idGenerator).bcryptCost(bcryptCost)
                .minPasswordLength(minPasswordLength).verificationTokenTtl(verificationTokenTtl).signupBonusTokens(signupBonusTokens)
                .referralBonusTokens(referralBonusTokens).promotionalCreditLifetime(promotionalCreditLifetime)
                .maxTransactionRetries(maxTransactionRetries).statementTimeout(statementTimeout).lockTimeout(lockTimeout)
                .searchProbeWindow(searchProbeWindow).alertsPerGoalPerHour(alertsPerGoalPerHour)
                .readNotificationRetention(readNotificationRetention).deliveryClaimTimeout(deliveryClaimTimeout)
                .analysisClaimTimeout(analysisClaimTimeout).analysisMaxAttempts(analysisMaxAttempts)
                .parallelIngestion(parallelIngestion).matchingParallelism(matchingParallelism);
    }

    /** {@return the pool the services connect through}, as the application role. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@return the PostgreSQL schema the migrations created} */
    public String schema() {
        return schema;
    }

    /** {@return the clock every timestamp the services write comes from} */
    public Clock clock() {
        return clock;
    }

    /** {@return the supplier of the ids of new rows} */
    public Supplier<UUID> idGenerator() {
        return idGenerator;
    }

    /** {@return the bcrypt cost of new password hashes} */
    public int bcryptCost() {
        return bcryptCost;
    }

    /** {@return the shortest password a user may choose} */
    public int minPasswordLength() {
        return minPasswordLength;
    }

    /** {@return how long an e-mail verification token stays valid} */
    public Duration verificationTokenTtl() {
        return verificationTokenTtl;
    }

    /** {@return the tokens of the signup bonus} */
    public int signupBonusTokens() {
        return signupBonusTokens;
    }

    /** {@return the tokens a referral gives the referrer and the referee each} */
    public int referralBonusTokens() {
        return referralBonusTokens;
    }

    /** {@return how long unspent bonus and code tokens last before the expiry job takes them back} */
    public Duration promotionalCreditLifetime() {
        return promotionalCreditLifetime;
    }

    /** {@return how many times a transaction is retried after a serialization failure or deadlock} */
    public int maxTransactionRetries() {
        return maxTransactionRetries;
    }

    /** {@return the statement timeout set in every transaction} */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** {@return the lock timeout set in every transaction} */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** {@return how many deals a text search walks in its page's order before it starts from the text index} */
    public int searchProbeWindow() {
        return searchProbeWindow;
    }

    /** {@return the deal alerts one goal may send in an hour}; the rest are folded into one digest. */
    public int alertsPerGoalPerHour() {
        return alertsPerGoalPerHour;
    }

    /** {@return how long read notifications are kept before {@code notifications().purgeRead()} deletes them} */
    public Duration readNotificationRetention() {
        return readNotificationRetention;
    }

    /** {@return how long a delivery claim lasts before the notification is handed out again} */
    public Duration deliveryClaimTimeout() {
        return deliveryClaimTimeout;
    }

    /** {@return how long a worker may hold an analysis request before {@code analysis().reclaimStuck()} takes it back} */
    public Duration analysisClaimTimeout() {
        return analysisClaimTimeout;
    }

    /** {@return how many claims an analysis request may have before the reclaim job fails and refunds it} */
    public int analysisMaxAttempts() {
        return analysisMaxAttempts;
    }

    /** {@return whether an ingestion batch of more than 1,000 deals computes search vectors on a second pooled connection} */
    public boolean parallelIngestion() {
        return parallelIngestion;
    }

    /** {@return how many pooled connections one batch matching run of at least 200 deals may use at once} */
    public int matchingParallelism() {
        return matchingParallelism;
    }

    /** Collects settings; {@link #build()} validates them all, naming the first bad one. */
    public static final class Builder {

        private DataSource dataSource;
        private String schema = "deals";
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> idGenerator = new org.agenticdeals.internal.TimeOrderedIds();
        private int bcryptCost = 12;
        private int minPasswordLength = 10;
        private Duration verificationTokenTtl = Duration.ofHours(24);
        private int signupBonusTokens = 50;
        private int referralBonusTokens = 25;
        private Duration promotionalCreditLifetime = Duration.ofDays(90);
        private int maxTransactionRetries = 3;
        private Duration statementTimeout = Duration.ofSeconds(30);
        private Duration lockTimeout = Duration.ofSeconds(5);
        private int searchProbeWindow = 4_000;
        private int alertsPerGoalPerHour = 5;
        private Duration readNotificationRetention = Duration.ofDays(90);
        private Duration deliveryClaimTimeout = Duration.ofMinutes(5);
        private Duration analysisClaimTimeout = Duration.ofMinutes(10);
        private int analysisMaxAttempts = 3;
        private boolean parallelIngestion = true;
        private int matchingParallelism = 2;

        private Builder() {
        }

        /**
         * The pool the services connect through, as a non-superuser application role. Required.
         *
         * @param value a pooled data source (HikariCP recommended)
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = value;
            return this;
        }

        /**
         * The PostgreSQL schema the migrations created (default {@code deals}).
         *
         * @param value a lower-case SQL identifier
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        /**
         * The clock every timestamp the services write comes from (default: the system clock in UTC).
         *
         * @param value a clock; tests pass a fixed or offset one
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * The supplier of the ids of new rows (default: time-ordered UUIDs, version 7; see docs/decisions.md D51).
         *
         * @param value a supplier of unique ids
         * @return this builder
         */
        public Builder idGenerator(Supplier<UUID> value) {
            this.idGenerator = value;
            return this;
        }

        /**
         * The bcrypt cost of new password hashes (default 12): each step doubles the time a hash takes.
         *
         * @param value 4 to 31
         * @return this builder
         */
        public Builder bcryptCost(int value) {
            this.bcryptCost = value;
            return this;
        }

        /**
         * The shortest password a user may choose (default 10).
         *
         * @param value 8 to 64
         * @return this builder
         */
        public Builder minPasswordLength(int value) {
            this.minPasswordLength = value;
            return this;
        }

        /**
         * How long an e-mail verification token stays valid (default 24 hours).
         *
         * @param value 1 minute to 30 days
         * @return this builder
         */
        public Builder verificationTokenTtl(Duration value) {
            this.verificationTokenTtl = value;
            return this;
        }

        /**
         * The tokens of the signup bonus (default 50).
         *
         * @param value 0 to 1,000,000; 0 for no bonus
         * @return this builder
         */
        public Builder signupBonusTokens(int value) {
            this.signupBonusTokens = value;
            return this;
        }

        /**
         * The tokens a referral gives the referrer and the referee each (default 25).
         *
         * @param value 0 to 1,000,000
         * @return this builder
         */
        public Builder referralBonusTokens(int value) {
            this.referralBonusTokens = value;
            return this;
        }

        /**
         * How long unspent bonus and code tokens last (default 90 days).
         *
         * @param value 1 day to 10 years
         * @return this builder
         */
        public Builder promotionalCreditLifetime(Duration value) {
            this.promotionalCreditLifetime = value;
            return this;
        }

        /**
         * How many times a transaction is retried after a serialization failure or deadlock (default 3).
         *
         * @param value 0 to 10
         * @return this builder
         */
        public Builder maxTransactionRetries(int value) {
            this.maxTransactionRetries = value;
            return this;
        }

        /**
         * The statement timeout set in every transaction (default 30 seconds); give batch jobs a longer one.
         *
         * @param value greater than zero
         * @return this builder
         */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = value;
            return this;
        }

        /**
         * The lock timeout set in every transaction (default 5 seconds).
         *
         * @param value greater than zero
         * @return this builder
         */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        /**
         * How many deals a text search walks in its page's order before it starts from the text index (default 4,000).
         *
         * @param value 0 to 100,000; 0 always starts from the index
         * @return this builder
         */
        public Builder searchProbeWindow(int value) {
            this.searchProbeWindow = value;
            return this;
        }

        /**
         * The deal alerts one goal may send in an hour (default 5).
         *
         * @param value 1 to 1,000
         * @return this builder
         */
        public Builder alertsPerGoalPerHour(int value) {
            this.alertsPerGoalPerHour = value;
            return this;
        }

        /**
         * How long read notifications are kept (default 90 days).
         *
         * @param value 1 day to 10 years
         * @return this builder
         */
        public Builder readNotificationRetention(Duration value) {
            this.readNotificationRetention = value;
            return this;
        }

        /**
         * How long a delivery claim lasts before the notification is handed out again (default 5 minutes).
         *
         * @param value 1 second to 1 day
         * @return this builder
         */
        public Builder deliveryClaimTimeout(Duration value) {
            this.deliveryClaimTimeout = value;
            return this;
        }

        /**
         * How long a worker may hold an analysis request before the reclaim job takes it back (default 10 minutes).
         *
         * @param value 1 second to 1 day; above the provider's slowest call
         * @return this builder
         */
        public Builder analysisClaimTimeout(Duration value) {
            this.analysisClaimTimeout = value;
            return this;
        }

        /**
         * How many claims an analysis request may have before the reclaim job fails and refunds it (default 3).
         *
         * @param value 1 to 20
         * @return this builder
         */
        public Builder analysisMaxAttempts(int value) {
            this.analysisMaxAttempts = value;
            return this;
        }

        /**
         * Whether an ingestion batch of more than 1,000 deals may borrow a second pooled connection, outside its
         * transaction, to compute search vectors while the first writes; see {@code DealCatalog.ingest}.
         *
         * @param value true (the default) or false to keep ingestion to one connection
         * @return this builder
         */
        public Builder parallelIngestion(boolean value) {
            this.parallelIngestion = value;
            return this;
        }

        /**
         * How many pooled connections one {@code Goals.matchNewDeals} call of at least {@code Goals.PARALLEL_FROM} deals
         * may use at once: the goals are split into as many shares, each matched in a transaction of its own, the
         * calling thread's first and helper threads' as they get a connection (docs/decisions.md D56). With fewer
         * connections to spare, the calling thread matches the rest itself. Inside {@code Deals.inTransaction} a run is
         * always one transaction.
         *
         * @param value 1 to 16 (the default is 2); 1 keeps every run to one connection and one transaction
         * @return this builder
         */
        public Builder matchingParallelism(int value) {
            this.matchingParallelism = value;
            return this;
        }

        /**
         * @return the validated, immutable configuration
         * @throws IllegalArgumentException naming the first setting that breaks its rule
         */
        public DealsConfig build() {
            require(dataSource != null, "dataSource is required");
            require(schema != null && IDENTIFIER.matcher(schema).matches(),
                    "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), was '" + schema + "'");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(idGenerator, "idGenerator");
            require(bcryptCost >= 4 && bcryptCost <= 31, "bcryptCost must be between 4 and 31, was " + bcryptCost);
            require(minPasswordLength >= 8 && minPasswordLength <= 64, "minPasswordLength must be between 8 and 64, was " + minPasswordLength);
            require(verificationTokenTtl != null && verificationTokenTtl.compareTo(Duration.ofMinutes(1)) >= 0
                    && verificationTokenTtl.compareTo(Duration.ofDays(30)) <= 0,
                    "verificationTokenTtl must be between 1 minute and 30 days, was " + verificationTokenTtl);
            require(signupBonusTokens >= 0 && signupBonusTokens <= 1_000_000,
                    "signupBonusTokens must be between 0 and 1000000, was " + signupBonusTokens);
            require(referralBonusTokens >= 0 && referralBonusTokens <= 1_000_000,
                    "referralBonusTokens must be between 0 and 1000000, was " + referralBonusTokens);
            require(promotionalCreditLifetime != null && promotionalCreditLifetime.compareTo(Duration.ofDays(1)) >= 0
                    && promotionalCreditLifetime.compareTo(Duration.ofDays(3650)) <= 0,
                    "promotionalCreditLifetime must be between 1 day and 10 years, was " + promotionalCreditLifetime);
            require(maxTransactionRetries >= 0 && maxTransactionRetries <= 10,
                    "maxTransactionRetries must be between 0 and 10, was " + maxTransactionRetries);
            require(statementTimeout != null && !statementTimeout.isNegative() && !statementTimeout.isZero(),
                    "statementTimeout must be > 0, was " + statementTimeout);
            require(lockTimeout != null && !lockTimeout.isNegative() && !lockTimeout.isZero(), "lockTimeout must be > 0, was " + lockTimeout);
            require(searchProbeWindow >= 0 && searchProbeWindow <= 100_000,
                    "searchProbeWindow must be between 0 and 100000, was " + searchProbeWindow);
            require(alertsPerGoalPerHour >= 1 && alertsPerGoalPerHour <= 1_000,
                    "alertsPerGoalPerHour must be between 1 and 1000, was " + alertsPerGoalPerHour);
            require(readNotificationRetention != null && readNotificationRetention.compareTo(Duration.ofDays(1)) >= 0
                    && readNotificationRetention.compareTo(Duration.ofDays(3650)) <= 0,
                    "readNotificationRetention must be between 1 day and 10 years, was " + readNotificationRetention);
            require(deliveryClaimTimeout != null && deliveryClaimTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                    && deliveryClaimTimeout.compareTo(Duration.ofDays(1)) <= 0,
                    "deliveryClaimTimeout must be between 1 second and 1 day, was " + deliveryClaimTimeout);
            require(analysisClaimTimeout != null && analysisClaimTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                    && analysisClaimTimeout.compareTo(Duration.ofDays(1)) <= 0,
                    "analysisClaimTimeout must be between 1 second and 1 day, was " + analysisClaimTimeout);
            require(analysisMaxAttempts >= 1 && analysisMaxAttempts <= 20,
                    "analysisMaxAttempts must be between 1 and 20, was " + analysisMaxAttempts);
            require(matchingParallelism >= 1 && matchingParallelism <= 16,
                    "matchingParallelism must be between 1 and 16, was " + matchingParallelism);
            return new DealsConfig(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
