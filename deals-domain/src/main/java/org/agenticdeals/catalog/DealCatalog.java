package org.agenticdeals.catalog;

import static org.agenticdeals.jooq.Tables.CATEGORIES;
import static org.agenticdeals.jooq.Tables.DEALS;
import static org.agenticdeals.jooq.Tables.MARKETS;
import static org.agenticdeals.jooq.Tables.SOURCES;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.agenticdeals.ConflictException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Actors;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.internal.Urls;
import org.agenticdeals.jooq.enums.DealStatus;
import org.agenticdeals.jooq.enums.MarketStatus;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.jooq.enums.SourceType;
import org.agenticdeals.jooq.tables.records.CategoriesRecord;
import org.agenticdeals.jooq.tables.records.DealPriceHistoryRecord;
import org.agenticdeals.jooq.tables.records.MarketsRecord;
import org.agenticdeals.jooq.tables.records.SourcesRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The deal catalog: markets, sources, the category tree, batch ingestion with price history and price-drop
 * detection, the deals' lifecycle, search and statistics. Obtain it from {@code Deals.catalog()}.
 *
 * <p>Each method is one transaction. Reference data is managed by admins ({@link PermissionDeniedException}
 * otherwise); removing a deal takes an admin or a moderator. Every search filter is a bind value.
 */
public final class DealCatalog {

    /** The most items one ingestion batch may hold. */
    public static final int MAX_BATCH = 10_000;

    private static final int INGESTION_CHUNK = 1_000;
    private static final int MAX_TITLE = 255;
    private static final int MAX_DESCRIPTION = 10_000;
    private static final int MAX_CONFIGURATION = 65_536;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ServiceContext context;
    private final CatalogQueries queries;
    private final DealSearch search;

    /**
     * For {@code Deals}; hosts call {@code deals.catalog()}.
     *
     * @param context the library's plumbing (not API)
     */
    public DealCatalog(ServiceContext context) {
        this.context = context;
        this.queries = new CatalogQueries(context.config().schema());
        this.search = new DealSearch(context.config().schema(), context.config().searchProbeWindow());
    }

    // --------------------------------------------------------------------------------------------- markets

    /**
     * Creates a market, active. Admins only.
     *
     * @param adminId the acting admin
     * @param name unique, at most 100 characters
     * @param url the market's site, an absolute http(s) URL, or null
     * @param logoUrl an absolute http(s) URL, or null
     * @return the market, active
     * @throws ConflictException on {@code name} if a market has it
     */
    public Market createMarket(UUID adminId, String name, String url, String logoUrl) {
        Market wanted = validMarket(new Market(null, name, url, logoUrl, Market.Status.ACTIVE));
        return admin(adminId, "manage markets", tx -> toMarket(tx.insertInto(MARKETS)
                .set(MARKETS.ID, context.newId()).set(MARKETS.NAME, wanted.name()).set(MARKETS.URL, wanted.url())
                .set(MARKETS.LOGO_URL, wanted.logoUrl()).set(MARKETS.CREATED_AT, context.now()).set(MARKETS.UPDATED_AT, context.now())
                .returning().fetchOne()));
    }

    /**
     * Applies {@code change} to the market (with its row locked) and stores the validated result.
     *
     * @param adminId the acting admin
     * @param marketId the market
     * @param change the new values from the current ones
     * @return the market as stored
     */
    public Market updateMarket(UUID adminId, UUID marketId, UnaryOperator<Market> change) {
        Checks.required("marketId", marketId);
        Checks.required("change", change);
        return admin(adminId, "manage markets", tx -> {
            MarketsRecord row = tx.selectFrom(MARKETS).where(MARKETS.ID.eq(marketId)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new NotFoundException("market", marketId));
            Market wanted = validMarket(Checks.required("market", change.apply(toMarket(row))));
            row.setName(wanted.name()).setUrl(wanted.url()).setLogoUrl(wanted.logoUrl())
                    .setStatus(MarketStatus.valueOf(Checks.required("market.status", wanted.status()).name()));
            row.store();
            return toMarket(row);
        });
    }

    /**
     * Soft: the market stops taking new deals; its deals stay.
     *
     * @param adminId the acting admin
     * @param marketId the market
     * @return the market, inactive
     */
    public Market deactivateMarket(UUID adminId, UUID marketId) {
        return updateMarket(adminId, marketId, market -> market.withStatus(Market.Status.INACTIVE));
    }

    /** {@return every market, by name} */
    public List<Market> markets() {
        return read(tx -> tx.selectFrom(MARKETS).orderBy(MARKETS.NAME).fetch(DealCatalog::toMarket));
    }

    // --------------------------------------------------------------------------------------------- sources

    /**
     * Creates a source, active. Admins only.
     *
     * @param configuration a JSON object of at most 65,536 characters, or null; stored as PostgreSQL normalizes it
     * @param adminId the acting admin
     * @param name unique, at most 100 characters
     * @param type how it delivers deals
     * @param reliability 0 to 1
     * @return the source, active
     * @throws ConflictException   on {@code name} if a source has it
     * @throws ValidationException naming the field: {@code source.configuration} that is not a JSON object, too long, or
     *                             holds a NUL or a lone surrogate (PostgreSQL cannot store either)
     */
    public Source createSource(UUID adminId, String name, Source.Type type, String configuration, BigDecimal reliability) {
        Source wanted = validSource(new Source(null, name, type, configuration, reliability, Source.Status.ACTIVE));
        return admin(adminId, "manage sources", tx -> toSource(tx.insertInto(SOURCES)
                .set(SOURCES.ID, context.newId()).set(SOURCES.NAME, wanted.name()).set(SOURCES.TYPE, SourceType.valueOf(wanted.type().name()))
                .set(SOURCES.CONFIGURATION, wanted.configuration() == null ? null : JSONB.valueOf(wanted.configuration()))
                .set(SOURCES.RELIABILITY_SCORE, wanted.reliability())
                .set(SOURCES.CREATED_AT, context.now()).set(SOURCES.UPDATED_AT, context.now())
                .returning().fetchOne()));
    }

    /**
     * Applies {@code change} to the source (with its row locked) and stores the validated result.
     *
     * @param adminId the acting admin
     * @param sourceId the source
     * @param change the new values from the current ones
     * @return the source as stored
     */
    public Source updateSource(UUID adminId, UUID sourceId, UnaryOperator<Source> change) {
        Checks.required("sourceId", sourceId);
        Checks.required("change", change);
        return admin(adminId, "manage sources", tx -> {
            SourcesRecord row = tx.selectFrom(SOURCES).where(SOURCES.ID.eq(sourceId)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new NotFoundException("source", sourceId));
            Source wanted = validSource(Checks.required("source", change.apply(toSource(row))));
            row.setName(wanted.name())
                    .setConfiguration(wanted.configuration() == null ? null : JSONB.valueOf(wanted.configuration()))
                    .setReliabilityScore(wanted.reliability())
                    .setStatus(SourceStatus.valueOf(Checks.required("source.status", wanted.status()).name()));
            row.store();
            return toSource(row);
        });
    }

    /**
     * Soft: the source can no longer ingest; its deals stay.
     *
     * @param adminId the acting admin
     * @param sourceId the source
     * @return the source, inactive
     */
    public Source deactivateSource(UUID adminId, UUID sourceId) {
        return updateSource(adminId, sourceId, source -> source.withStatus(Source.Status.INACTIVE));
    }

    /** {@return every source, by name} */
    public List<Source> sources() {
        return read(tx -> tx.selectFrom(SOURCES).orderBy(SOURCES.NAME).fetch(DealCatalog::toSource));
    }

    // ------------------------------------------------------------------------------------------ categories

    /**
     * Creates a category, active, under a parent or at the root. Admins only.
     *
     * @param parentId null for a root category
     * @param adminId the acting admin
     * @param name at most 100 characters, unique among its siblings
     * @return the category, active
     * @throws ConflictException on {@code name} if the parent (or, for a root, the roots) has a category of that name
     */
    public Category createCategory(UUID adminId, String name, UUID parentId) {
        String validName = Checks.text("name", name, 100);
        return admin(adminId, "manage categories", tx -> {
            if (parentId != null && tx.fetchCount(CATEGORIES, CATEGORIES.ID.eq(parentId)) == 0) {
                throw new NotFoundException("category", parentId);
            }
            return toCategory(tx.insertInto(CATEGORIES).set(CATEGORIES.ID, context.newId()).set(CATEGORIES.NAME, validName)
                    .set(CATEGORIES.PARENT_ID, parentId).set(CATEGORIES.CREATED_AT, context.now()).set(CATEGORIES.UPDATED_AT, context.now())
                    .returning().fetchOne());
        });
    }

    /**
     * Moves a category (with everything below it) under another parent, or to the root with null. Changes to the
     * tree are serialized, so two concurrent moves cannot together build a cycle that neither makes alone.
     *
     * @param adminId the acting admin
     * @param categoryId the category to move
     * @param parentId its new parent, or null for the root
     * @return the category as moved
     * @throws ValidationException on {@code parentId} if the new parent is the category itself or below it (a cycle)
     * @throws ConflictException   if the new parent has a category of the same name
     */
    public Category moveCategory(UUID adminId, UUID categoryId, UUID parentId) {
        Checks.required("categoryId", categoryId);
        return admin(adminId, "manage categories", tx -> {
            CatalogQueries.lockCategoryTree(tx);
            CategoriesRecord row = lockCategory(tx, categoryId);
            if (parentId != null) {
                if (tx.fetchCount(CATEGORIES, CATEGORIES.ID.eq(parentId)) == 0) {
                    throw new NotFoundException("category", parentId);
                }
                if (CatalogQueries.subtree(tx, categoryId).contains(parentId)) {
                    throw new ValidationException("parentId", "must not be the category itself or one below it: that would make a cycle");
                }
            }
            row.setParentId(parentId);
            row.store();
            return toCategory(row);
        });
    }

    /**
     * Renames a category. Admins only.
     *
     * @param adminId the acting admin
     * @param categoryId the category
     * @param name at most 100 characters, unique among its siblings
     * @return the category as renamed
     * @throws ConflictException if a sibling (or, for a root, another root) has the name
     */
    public Category renameCategory(UUID adminId, UUID categoryId, String name) {
        Checks.required("categoryId", categoryId);
        String validName = Checks.text("name", name, 100);
        return admin(adminId, "manage categories", tx -> {
            CategoriesRecord row = lockCategory(tx, categoryId);
            row.setName(validName);
            row.store();
            return toCategory(row);
        });
    }

    /**
     * Soft: deals can no longer be ingested into it; existing deals keep it.
     *
     * @param adminId the acting admin
     * @param categoryId the category
     * @return the category, inactive
     */
    public Category deactivateCategory(UUID adminId, UUID categoryId) {
        Checks.required("categoryId", categoryId);
        return admin(adminId, "manage categories", tx -> {
            CategoriesRecord row = lockCategory(tx, categoryId);
            row.setIsActive(false);
            row.store();
            return toCategory(row);
        });
    }

    /**
     * The category and its ancestors, root first.
     *
     * @param categoryId the category
     * @return the path, root first; empty if there is no such category
     */
    public List<Category> categoryPath(UUID categoryId) {
        Checks.required("categoryId", categoryId);
        return read(tx -> {
            List<CategoriesRecord> path = CatalogQueries.path(tx, categoryId);
            if (path.isEmpty()) {
                throw new NotFoundException("category", categoryId);
            }
            return path.stream().map(DealCatalog::toCategory).toList();
        });
    }

    /**
     * The category and every category below it (a recursive query).
     *
     * @param categoryId the subtree's root
     * @return the categories, empty if there is no such category
     */
    public List<Category> subtree(UUID categoryId) {
        Checks.required("categoryId", categoryId);
        return read(tx -> {
            List<UUID> ids = CatalogQueries.subtree(tx, categoryId);
            if (ids.isEmpty()) {
                throw new NotFoundException("category", categoryId);
            }
            return tx.selectFrom(CATEGORIES).where(CATEGORIES.ID.in(ids)).orderBy(CATEGORIES.NAME).fetch(DealCatalog::toCategory);
        });
    }

    // ------------------------------------------------------------------------------------------- ingestion

    /**
     * Upserts a batch of deals from one source in one transaction, keyed by (source, URL), set-wise (one statement per
     * 1,000 items). Each bad item is refused with its index and reason while the good ones land: a non-positive price,
     * a current price above the original, an unknown or inactive market or category, a title too long, a malformed
     * URL, a URL twice in the batch. Discounts are computed from the prices. Price changes are recorded in the price
     * history (see {@link #priceHistory(UUID)}); price drops on existing deals are reported for notifications. An item
     * identical to the stored deal counts as unchanged and writes nothing.
     *
     * <p>Concurrency: batches of one source run one after the other (each locks its source's row), so every batch
     * sees the one before it and reports its drops against the prices it replaced; batches of different sources
     * never write the same deal and run side by side. A batch of more than 1,000 items briefly uses a second pooled
     * connection, outside its transaction, to compute search vectors ahead of the writes (unless
     * {@code DealsConfig.parallelIngestion} is off); if the pool has none to spare, the transaction computes them itself.
     *
     * @param sourceId the active source the batch comes from
     * @param batch the deals, at most {@value #MAX_BATCH}
     * @return what each item became, the deals' ids and the price drops
     * @throws NotFoundException   if the source does not exist or is not active
     * @throws ValidationException if the batch is empty or larger than {@value #MAX_BATCH}
     */
    public IngestionResult ingest(UUID sourceId, List<DealInput> batch) {
        Checks.required("sourceId", sourceId);
        Checks.required("batch", batch);
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new ValidationException("batch", "must hold 1 to " + MAX_BATCH + " items, held " + batch.size());
        }
        var refused = new ArrayList<IngestionResult.RefusedItem>();
        var candidates = new ArrayList<CatalogQueries.Staged>();
        var urls = new HashSet<String>();
        for (int index = 0; index < batch.size(); index++) {
            DealInput item = batch.get(index);
            IngestionResult.RefusedItem refusal = refusal(index, item);
            if (refusal != null) {
                refused.add(refusal);
            } else if (!urls.add(item.url())) {
                refused.add(new IngestionResult.RefusedItem(index, "url", "appears earlier in the batch"));
            } else {
                BigDecimal discount = item.originalPrice().subtract(item.currentPrice()).multiply(HUNDRED)
                        .divide(item.originalPrice(), 2, RoundingMode.HALF_UP);
                candidates.add(new CatalogQueries.Staged(index, context.newId(), normalized(item), discount));
            }
        }
        List<List<CatalogQueries.Staged>> chunks = chunks(candidates);
        SearchVectorPrecompute precompute = chunks.size() > 1 && context.config().parallelIngestion()
                ? SearchVectorPrecompute.start(context.config().dataSource(), queries.searchVectors(), context.config().statementTimeout(), chunks)
                : null;
        return context.transactions().run(SecurityContext.system(), tx -> {
            if (!CatalogQueries.lockActiveSource(tx, sourceId)) {
                throw new NotFoundException("active source", sourceId);
            }
            Set<UUID> markets = CatalogQueries.activeMarkets(tx, candidates.stream().map(item -> item.input().marketId()).distinct().toList());
            Set<UUID> categories = CatalogQueries.activeCategories(tx,
                    candidates.stream().map(item -> item.input().categoryId()).filter(java.util.Objects::nonNull).distinct().toList());
            var allRefused = new ArrayList<>(refused);
            var written = new ArrayList<CatalogQueries.Written>();
            int accepted = 0;
            // One time for the whole batch, whatever its chunks: its deals share their created_at.
            OffsetDateTime now = context.now();
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                String[] vectors = precompute == null ? null : precompute.take(chunk);
                var items = new ArrayList<CatalogQueries.Staged>(chunks.get(chunk).size());
                var itemVectors = new ArrayList<String>(chunks.get(chunk).size());
                for (int position = 0; position < chunks.get(chunk).size(); position++) {
                    CatalogQueries.Staged item = chunks.get(chunk).get(position);
                    if (!markets.contains(item.input().marketId())) {
                        allRefused.add(new IngestionResult.RefusedItem(item.index(), "marketId", "is not an active market"));
                    } else if (item.input().categoryId() != null && !categories.contains(item.input().categoryId())) {
                        allRefused.add(new IngestionResult.RefusedItem(item.index(), "categoryId", "is not an active category"));
                    } else {
                        items.add(item);
                        itemVectors.add(vectors == null ? null : vectors[position]);
                    }
                }
                if (!items.isEmpty()) {
                    written.addAll(queries.upsert(tx, sourceId, items, vectors == null ? null : itemVectors.toArray(String[]::new), now));
                    accepted += items.size();
                }
            }
            allRefused.sort(Comparator.comparingInt(IngestionResult.RefusedItem::index));
            int inserted = (int) written.stream().filter(CatalogQueries.Written::inserted).count();
            int updated = written.size() - inserted;
            var drops = written.stream()
                    .filter(row -> !row.inserted() && row.oldPrice() != null && row.newPrice().compareTo(row.oldPrice()) < 0)
                    .map(row -> new IngestionResult.PriceDrop(row.id(), row.oldPrice(), row.newPrice()))
                    .toList();
            return new IngestionResult(inserted, updated, accepted - written.size(), allRefused, drops,
                    written.stream().map(CatalogQueries.Written::id).toList());
        });
    }

    /**
     * The batch in chunks of {@value #INGESTION_CHUNK} items written one statement each, so that a helper can compute the
     * search vectors of the last chunks while the first are written (see {@link SearchVectorPrecompute}).
     */
    private static List<List<CatalogQueries.Staged>> chunks(List<CatalogQueries.Staged> items) {
        var chunks = new ArrayList<List<CatalogQueries.Staged>>();
        for (int from = 0; from < items.size(); from += INGESTION_CHUNK) {
            chunks.add(items.subList(from, Math.min(items.size(), from + INGESTION_CHUNK)));
        }
        return chunks;
    }

    // ------------------------------------------------------------------------------------------- lifecycle

    /**
     * The system job: deals past their {@code expires_at} become {@code EXPIRED}.
     *
     * @return how many deals expired
     */
    public int expireDue() {
        return context.transactions().run(SecurityContext.system(), tx -> CatalogQueries.expireDue(tx, context.now()));
    }

    /**
     * Soft-deletes a deal: it leaves search for good (ingestion will not bring it back). Admins and moderators.
     *
     * @param actorId an admin or a moderator
     * @param dealId the deal
     * @throws PermissionDeniedException if {@code actorId} is neither
     * @throws NotFoundException         if there is no such deal
     */
    public void remove(UUID actorId, UUID dealId) {
        Checks.required("actorId", actorId);
        Checks.required("dealId", dealId);
        context.transactions().run(SecurityContext.systemActingFor(actorId), tx -> {
            Actors.requireStaff(tx, actorId, "remove deals");
            if (tx.update(DEALS).set(DEALS.STATUS, DealStatus.REMOVED).where(DEALS.ID.eq(dealId)).execute() == 0) {
                throw new NotFoundException("deal", dealId);
            }
            return null;
        });
    }

    /**
     * Every price the deal had, oldest first. A deal whose price never changed has one point: its price since it
     * was first ingested. (History rows are written when a price changes: the first change records the price
     * before it too, so new deals cost ingestion nothing extra.)
     *
     * @param dealId the deal
     * @return the price points, empty if there is no such deal
     * @throws NotFoundException if there is no such deal
     */
    public List<PricePoint> priceHistory(UUID dealId) {
        Checks.required("dealId", dealId);
        return read(tx -> {
            List<PricePoint> history = CatalogQueries.priceHistory(tx, dealId).map(DealCatalog::toPricePoint);
            if (!history.isEmpty()) {
                return history;
            }
            return tx.select(DEALS.CURRENT_PRICE, DEALS.ORIGINAL_PRICE, DEALS.CREATED_AT).from(DEALS).where(DEALS.ID.eq(dealId)).fetchOptional()
                    .map(row -> List.of(new PricePoint(row.value1(), row.value2(), row.value3().toInstant())))
                    .orElseThrow(() -> new NotFoundException("deal", dealId));
        });
    }

    /**
     * The lowest price the deal ever had (the earliest time it had it).
     *
     * @param dealId the deal
     * @return the lowest price and when it was first seen
     * @throws NotFoundException if there is no such deal
     */
    public PricePoint lowestPrice(UUID dealId) {
        return priceHistory(dealId).stream()
                .min(Comparator.comparing(PricePoint::price).thenComparing(PricePoint::recordedAt))
                .orElseThrow();
    }

    /**
     * One active deal with its names, if it exists and is active and unexpired.
     *
     * @param dealId the deal
     * @return the deal, or empty
     */
    public Optional<DealView> find(UUID dealId) {
        Checks.required("dealId", dealId);
        return read(tx -> search.find(tx, dealId, context.now()));
    }

    // --------------------------------------------------------------------------------------------- search

    /**
     * One page of active, unexpired deals matching {@code query}, in its order, with keyset pagination (stable
     * while deals are ingested: no duplicates, no gaps).
     *
     * @param query what to look for
     * @param page which page
     * @return one page of deals
     * @throws ValidationException naming the field: a negative price, a discount outside 0..100, reliability outside
     *                             0..1, a discount or reliability of more than two decimals, a maximum price below the minimum, relevance order without text, a cursor that is
     *                             not one this library issued for this sort
     */
    public Page<DealView> search(DealQuery query, PageRequest page) {
        Checks.required("query", query);
        Checks.required("page", page);
        String text = Checks.optionalText("query.text", query.text(), 200);
        if (query.sort() == DealQuery.Sort.RELEVANCE && text == null) {
            throw new ValidationException("query.sort", "RELEVANCE needs query.text");
        }
        BigDecimal minPrice = query.minPrice() == null ? null : Checks.money("query.minPrice", query.minPrice(), BigDecimal.ZERO);
        BigDecimal maxPrice = query.maxPrice() == null ? null : Checks.money("query.maxPrice", query.maxPrice(), BigDecimal.ZERO);
        Checks.decimal("query.minDiscount", query.minDiscount(), BigDecimal.ZERO, HUNDRED, 2);
        Checks.decimal("query.minReliability", query.minReliability(), BigDecimal.ZERO, BigDecimal.ONE, 2);
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new ValidationException("query.maxPrice", "must be at least query.minPrice (" + minPrice.toPlainString() + "), was "
                    + maxPrice.toPlainString());
        }
        if (query.marketIds().size() > 100) {
            throw new ValidationException("query.marketIds", "must hold at most 100 ids, held " + query.marketIds().size());
        }
        SearchCursor after = page.cursor() == null ? null : SearchCursor.decode(page.cursor(), query.sort());
        DealQuery valid = query.withPriceBetween(minPrice, maxPrice);
        return context.transactions().runPlannedPerCall(SecurityContext.anonymous(),
                tx -> search.page(tx, valid, text, context.now(), page.size(), after));
    }

    // ---------------------------------------------------------------------------------------- statistics

    /** Recomputes the statistics without blocking readers ({@code REFRESH MATERIALIZED VIEW CONCURRENTLY}). */
    public void refreshStatistics() {
        context.transactions().run(SecurityContext.system(), tx -> {
            CatalogQueries.refreshStatistics(tx, queries.schema());
            return null;
        });
    }

    /** {@return active deals per market and category as of the last {@link #refreshStatistics()}} */
    public List<DealStatistics> statistics() {
        UUID none = new UUID(0, 0);
        return read(tx -> CatalogQueries.statistics(tx).map(row -> new DealStatistics(row.getMarketId(),
                none.equals(row.getCategoryId()) ? null : row.getCategoryId(), row.getDealCount(), row.getAverageDiscount(),
                row.getBestDiscount(), row.getLowestPrice(), row.getHighestPrice())));
    }

    // ----------------------------------------------------------------------------------------------------

    private <T> T read(org.agenticdeals.internal.TransactionWork<T> work) {
        return context.transactions().run(SecurityContext.anonymous(), work);
    }

    private <T> T admin(UUID adminId, String operation, org.agenticdeals.internal.TransactionWork<T> work) {
        Checks.required("adminId", adminId);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            Actors.requireAdmin(tx, adminId, operation);
            return work.execute(tx);
        });
    }

    private static CategoriesRecord lockCategory(DSLContext tx, UUID categoryId) {
        return tx.selectFrom(CATEGORIES).where(CATEGORIES.ID.eq(categoryId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new NotFoundException("category", categoryId));
    }

    /** The first rule the item at {@code index} breaks, or null. */
    private static IngestionResult.RefusedItem refusal(int index, DealInput item) {
        if (item == null) {
            return new IngestionResult.RefusedItem(index, "item", "is null");
        }
        if (item.title() == null || item.title().isBlank()) {
            return new IngestionResult.RefusedItem(index, "title", "is required");
        }
        if (item.title().strip().length() > MAX_TITLE) {
            return new IngestionResult.RefusedItem(index, "title", "must be at most " + MAX_TITLE + " characters, was " + item.title().strip().length());
        }
        if (Checks.hasControlCharacters(item.title()) || Checks.hasLoneSurrogate(item.title())) {
            return new IngestionResult.RefusedItem(index, "title", "must not contain control characters");
        }
        if (item.description() != null && (item.description().length() > MAX_DESCRIPTION || Checks.hasLoneSurrogate(item.description())
                || item.description().indexOf('\u0000') >= 0)) {
            return new IngestionResult.RefusedItem(index, "description", "must be at most " + MAX_DESCRIPTION + " characters of valid text");
        }
        String url = Urls.problem(item.url());
        if (url != null) {
            return new IngestionResult.RefusedItem(index, "url", url);
        }
        if (item.imageUrl() != null && Urls.problem(item.imageUrl()) != null) {
            return new IngestionResult.RefusedItem(index, "imageUrl", Urls.problem(item.imageUrl()));
        }
        if (item.originalPrice() == null || item.originalPrice().signum() <= 0) {
            return new IngestionResult.RefusedItem(index, "originalPrice", "must be > 0");
        }
        if (item.currentPrice() == null || item.currentPrice().signum() <= 0) {
            return new IngestionResult.RefusedItem(index, "currentPrice", "must be > 0");
        }
        for (BigDecimal price : List.of(item.originalPrice(), item.currentPrice())) {
            if (price.stripTrailingZeros().scale() > 2 || price.compareTo(Checks.MAX_MONEY) > 0) {
                return new IngestionResult.RefusedItem(index, price == item.originalPrice() ? "originalPrice" : "currentPrice",
                        "must have at most 2 decimals and be at most " + Checks.MAX_MONEY.toPlainString());
            }
        }
        if (item.currentPrice().compareTo(item.originalPrice()) > 0) {
            return new IngestionResult.RefusedItem(index, "currentPrice", "must not be above originalPrice");
        }
        if (item.marketId() == null) {
            return new IngestionResult.RefusedItem(index, "marketId", "is required");
        }
        if (item.expiresAt() != null && !Checks.isStorable(item.expiresAt())) {
            return new IngestionResult.RefusedItem(index, "expiresAt", "must be between " + Checks.EARLIEST + " and " + Checks.LATEST);
        }
        return null;
    }

    private static DealInput normalized(DealInput item) {
        return new DealInput(item.title().strip(), item.description() == null || item.description().isBlank() ? null : item.description().strip(),
                item.url(), item.imageUrl(), item.originalPrice().setScale(2), item.currentPrice().setScale(2), item.marketId(), item.categoryId(),
                item.expiresAt());
    }

    private static Market validMarket(Market market) {
        String name = Checks.text("market.name", market.name(), 100);
        String url = market.url() == null ? null : requireUrl("market.url", market.url());
        String logo = market.logoUrl() == null ? null : requireUrl("market.logoUrl", market.logoUrl());
        return new Market(market.id(), name, url, logo, market.status());
    }

    private static Source validSource(Source source) {
        String name = Checks.text("source.name", source.name(), 100);
        Checks.required("source.type", source.type());
        BigDecimal reliability = Checks.decimal("source.reliability", Checks.required("source.reliability", source.reliability()),
                BigDecimal.ZERO, BigDecimal.ONE, 2);
        String configuration = source.configuration() == null ? null : Json.object("source.configuration", source.configuration(), MAX_CONFIGURATION);
        return new Source(source.id(), name, source.type(), configuration, reliability.setScale(2), source.status());
    }

    private static String requireUrl(String field, String url) {
        String problem = Urls.problem(url);
        if (problem != null) {
            throw new ValidationException(field, problem);
        }
        return url;
    }

    private static Market toMarket(MarketsRecord row) {
        return new Market(row.getId(), row.getName(), row.getUrl(), row.getLogoUrl(), Market.Status.valueOf(row.getStatus().name()));
    }

    private static Source toSource(SourcesRecord row) {
        return new Source(row.getId(), row.getName(), Source.Type.valueOf(row.getType().name()),
                row.getConfiguration() == null ? null : row.getConfiguration().data(), row.getReliabilityScore(),
                Source.Status.valueOf(row.getStatus().name()));
    }

    private static Category toCategory(CategoriesRecord row) {
        return new Category(row.getId(), row.getName(), row.getParentId(), row.getIsActive());
    }

    private static PricePoint toPricePoint(DealPriceHistoryRecord row) {
        return new PricePoint(row.getPrice(), row.getOriginalPrice(), row.getRecordedAt().toInstant());
    }

}
