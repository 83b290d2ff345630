package org.agenticdeals.jooq;

import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.SOURCES;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.schema.DealsSchema;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated classes match the migrated catalogue and map PostgreSQL types to the promised Java types. */
class GeneratedClassesTest {

    private static PostgresServer server;
    private static PostgresDatabase database;
    private static DSLContext owner;

    @BeforeAll
    static void migrate() {
        server = PostgresProvider.start();
        database = server.createDatabase("jooq_test");
        DealsSchema.migrate(database.ownerDataSource());
        owner = DSL.using(database.ownerDataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        database.close();
        server.close();
    }

    @Test
    void everyTableOfTheSchemaHasAClassAndNoClassLacksATable() {
        Set<String> generated = DealsDatabaseSchema.DEALS_SCHEMA.getTables().stream()
                .filter(table -> table.getTableType().isTable())
                .map(Table::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> catalogued = new TreeSet<>(owner.fetchValues(
                "SELECT relname FROM pg_class WHERE relnamespace = 'deals'::regnamespace AND relkind IN ('r', 'p')"
                        + " AND NOT relispartition AND relname <> 'flyway_schema_history'").stream().map(String::valueOf).toList());

        assertThat(generated).isEqualTo(catalogued).hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void everyEnumTypeIsAJavaEnumWithTheDatabasesLabels() {
        List<String> databaseLabels = owner.fetchValues(
                "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'deals.deal_status'::regtype ORDER BY enumsortorder").stream()
                .map(String::valueOf).toList();

        assertThat(List.of(DealStatus.values())).extracting(DealStatus::getLiteral).isEqualTo(databaseLabels);
        assertThat(DealsDatabaseSchema.DEALS_SCHEMA.getUDTs()).isEmpty();
        assertThat(SourceType.valueOf("USER_SUBMITTED").getLiteral()).isEqualTo("user_submitted");
    }

    @Test
    void rowsRoundTripWithEnumsJsonbNumericAndTimestamps() {
        var market = owner.insertInto(MARKETS).set(MARKETS.NAME, "Best Buy").returning().fetchOne();
        var source = owner.insertInto(SOURCES)
                .set(SOURCES.NAME, "Best Buy affiliate feed")
                .set(SOURCES.TYPE, SourceType.AFFILIATE)
                .set(SOURCES.CONFIGURATION, JSONB.valueOf("{\"feed\": \"https://example.com/feed.xml\"}"))
                .returning().fetchOne();

        var deal = owner.insertInto(DEALS)
                .set(DEALS.TITLE, "4K OLED TV 55\"")
                .set(DEALS.ORIGINAL_PRICE, new BigDecimal("1499.99"))
                .set(DEALS.CURRENT_PRICE, new BigDecimal("1199.99"))
                .set(DEALS.DISCOUNT_PERCENTAGE, new BigDecimal("20.00"))
                .set(DEALS.URL, "https://example.com/tv")
                .set(DEALS.MARKET_ID, market.getId())
                .set(DEALS.SOURCE_ID, source.getId())
                .returning().fetchOne();

        assertThat(deal.getStatus()).isEqualTo(DealStatus.ACTIVE);
        assertThat(deal.getCurrentPrice()).isEqualByComparingTo("1199.99");
        assertThat(deal.getCreatedAt()).isInstanceOf(OffsetDateTime.class);
        assertThat(source.getReliabilityScore()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(owner.fetchValue(DSL.select(SOURCES.CONFIGURATION).from(SOURCES)).data()).contains("feed.xml");
    }
}
