package org.agenticdeals.testkit;

import java.util.Objects;

/**
 * What a test database is seeded with. Immutable; two equal seeds give byte-identical data, and the testkit
 * builds one template database per distinct seed.
 *
 * <ul>
 *   <li>{@link #empty()}: the migrated schema, no rows;</li>
 *   <li>{@link #demo()}: dozens of realistic rows in every table (markets, a three-level category tree, sources
 *       of every type, deals, users with preferences and balances, packages, codes, AI models, templates, goals);</li>
 *   <li>{@link #large(int)}: the demo reference data, 1,000 users and up to 1,000,000 deals, loaded with
 *       {@code COPY}.</li>
 * </ul>
 */
public final class Seed {

    /** The random seed used unless {@link #withRandomSeed(long)} says otherwise. */
    public static final long DEFAULT_RANDOM_SEED = 20_261_125L;

    /** The most deals {@link #large(int)} accepts. */
    public static final int MAX_LARGE_DEALS = 1_000_000;

    enum Size { EMPTY, DEMO, LARGE }

    private final Size size;
    private final int dealCount;
    private final long randomSeed;

    private Seed(Size size, int dealCount, long randomSeed) {
        this.size = size;
        this.dealCount = dealCount;
        this.randomSeed = randomSeed;
    }

    /** {@return the migrated schema with no rows} */
    public static Seed empty() {
        return new Seed(Size.EMPTY, 0, DEFAULT_RANDOM_SEED);
    }

    /** {@return dozens of realistic rows per table}; the default for tests of the domain services. */
    public static Seed demo() {
        return new Seed(Size.DEMO, 60, DEFAULT_RANDOM_SEED);
    }

    /**
     * The demo reference data, 1,000 users and {@code deals} deals, for benchmarks and search tests.
     *
     * @param deals between 1 and {@value #MAX_LARGE_DEALS}
     * @return the seed
     */
    public static Seed large(int deals) {
        if (deals < 1 || deals > MAX_LARGE_DEALS) {
            throw new IllegalArgumentException("deals must be between 1 and " + MAX_LARGE_DEALS + ", was " + deals);
        }
        return new Seed(Size.LARGE, deals, DEFAULT_RANDOM_SEED);
    }

    /**
     * The same seed generated from another random seed: other names, prices and ids, equally deterministic.
     *
     * @param seed any number
     * @return the changed seed
     */
    public Seed withRandomSeed(long seed) {
        return new Seed(size, dealCount, seed);
    }

    Size size() {
        return size;
    }

    /** {@return how many deals this seed creates} */
    public int dealCount() {
        return dealCount;
    }

    /** {@return the random seed every generated value derives from} */
    public long randomSeed() {
        return randomSeed;
    }

    /** A short name for database names and logs, e.g. {@code demo} or {@code large1000000}. */
    String label() {
        String base = size == Size.LARGE ? "large" + dealCount : size.name().toLowerCase(java.util.Locale.ROOT);
        return randomSeed == DEFAULT_RANDOM_SEED ? base : base + "_r" + Long.toHexString(randomSeed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Seed that && size == that.size && dealCount == that.dealCount && randomSeed == that.randomSeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, dealCount, randomSeed);
    }

    @Override
    public String toString() {
        return "Seed[" + label() + "]";
    }
}
