package org.agenticdeals.testkit;

import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving each test method (or each test class) a migrated, seeded PostgreSQL database of its
 * own, copied from a template in milliseconds.
 *
 * <pre>{@code
 * class SavedDealsTest {
 *     @RegisterExtension
 *     static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());
 *
 *     @Test
 *     void savesADeal(DataSource dataSource, SeedData seed) { … }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(DealsDatabaseExtension.class)} gives an empty migrated database per method. Test methods
 * (and, with {@link #withDatabasePerClass()}, {@code @BeforeAll}/{@code @AfterAll} methods) can declare
 * parameters of these types:
 *
 * <ul>
 *   <li>{@link Deals}: the library's entry point over the test database ({@link TestDatabase#deals()});</li>
 *   <li>{@link DataSource} and {@link DSLContext}: the application role, under row-level security;</li>
 *   <li>{@link SeedData}: the handles of the seeded rows;</li>
 *   <li>{@link TestDatabase}: everything, the owner's access included;</li>
 *   <li>{@link Fixtures}: factories for extra rows.</li>
 * </ul>
 *
 * <p>All test classes of a JVM share one server ({@link DealsTestkit#shared()}); with JUnit's parallel
 * execution each test still gets its own database. Immutable: {@code with*} methods return a new extension.
 */
public final class DealsDatabaseExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final Set<Class<?>> INJECTABLE = Set.of(Deals.class, DataSource.class, DSLContext.class, SeedData.class,
            TestDatabase.class, Fixtures.class);

    private final Seed seed;
    private final boolean perClass;
    private final DealsTestkit testkit;

    /** An empty migrated database per test method; the constructor {@code @ExtendWith} uses. */
    public DealsDatabaseExtension() {
        this(Seed.empty(), false, null);
    }

    private DealsDatabaseExtension(Seed seed, boolean perClass, DealsTestkit testkit) {
        this.seed = Objects.requireNonNull(seed, "seed");
        this.perClass = perClass;
        this.testkit = testkit;
    }

    /**
     * A migrated database with no rows, one per test method.
     *
     * @return the extension, for a {@code @RegisterExtension} field
     */
    public static DealsDatabaseExtension empty() {
        return new DealsDatabaseExtension();
    }

    /**
     * A database seeded with {@code seed}, one per test method.
     *
     * @param seed what to seed each database with
     * @return the extension, for a {@code @RegisterExtension} field
     */
    public static DealsDatabaseExtension seeded(Seed seed) {
        return new DealsDatabaseExtension(seed, false, null);
    }

    /**
     * One database for the whole test class, shared by its methods (faster, but the tests see each other's
     * writes). Needs a {@code static} {@code @RegisterExtension} field.
     *
     * @return a new extension, otherwise like this one, with one database per class
     */
    public DealsDatabaseExtension withDatabasePerClass() {
        return new DealsDatabaseExtension(seed, true, testkit);
    }

    /**
     * A fresh database for every test method (the default).
     *
     * @return a new extension, otherwise like this one, with a database per method
     */
    public DealsDatabaseExtension withDatabasePerMethod() {
        return new DealsDatabaseExtension(seed, false, testkit);
    }

    /**
     * Databases from this testkit instead of the JVM-wide {@link DealsTestkit#shared()} one.
     *
     * @param value a testkit the test manages
     * @return a new extension, otherwise like this one, taking its databases from {@code value}
     */
    public DealsDatabaseExtension withTestkit(DealsTestkit value) {
        return new DealsDatabaseExtension(seed, perClass, Objects.requireNonNull(value, "testkit"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            store(context).put(context.getRequiredTestClass(), testkit().database(seed));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            closeStored(context, context.getRequiredTestClass());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            store(context).put(context.getUniqueId(), testkit().database(seed));
        } else if (database(context) == null) {
            throw new ExtensionConfigurationException(
                    "withDatabasePerClass() needs the DealsDatabaseExtension in a static @RegisterExtension field");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeStored(context, context.getUniqueId());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = database(context);
        if (database == null) {
            throw new ParameterResolutionException("no test database yet for " + parameter.getParameter()
                    + ": with one database per method, only test methods and @BeforeEach/@AfterEach methods get one;"
                    + " use withDatabasePerClass() for @BeforeAll/@AfterAll");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Deals.class) {
            return database.deals();
        }
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == DSLContext.class) {
            return database.dsl();
        }
        if (type == SeedData.class) {
            return database.seedData();
        }
        if (type == Fixtures.class) {
            return database.fixtures();
        }
        return database;
    }

    private DealsTestkit testkit() {
        return testkit != null ? testkit : DealsTestkit.shared();
    }

    /** The database of this test: the method's own, else the class's. */
    private TestDatabase database(ExtensionContext context) {
        ExtensionContext.Store store = store(context);
        TestDatabase own = store.get(context.getUniqueId(), TestDatabase.class);
        if (own != null) {
            return own;
        }
        return context.getTestClass().map(type -> store.get(type, TestDatabase.class)).orElse(null);
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(DealsDatabaseExtension.class, this));
    }

    private void closeStored(ExtensionContext context, Object key) {
        TestDatabase database = store(context).remove(key, TestDatabase.class);
        if (database != null) {
            database.close();
        }
    }
}
