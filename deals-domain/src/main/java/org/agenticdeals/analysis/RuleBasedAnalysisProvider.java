package org.agenticdeals.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.agenticdeals.PageRequest;
import org.agenticdeals.catalog.DealCatalog;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.catalog.PricePoint;
import org.agenticdeals.internal.Json;

/**
 * A deterministic provider that needs no language model: it judges a deal by rules over its price history, discount
 * and source reliability. For examples, tests and hosts that want an analysis before they wire a model in.
 *
 * <p>A deal scores up to 40 points for its price against the lowest price seen (all 40 at the lowest), up to 30 for
 * its discount (all 30 from 60 %), and up to 30 for its source's reliability; 70 or more is {@code buy}, 45 or more
 * {@code wait}, less {@code skip}. A product name is looked up in the catalog (the five cheapest matching deals); a
 * URL gets verdict {@code unknown}, since rules need a price history. The tokens reported are the prompt's and the
 * answer's length at four characters a token, at most the call's budget. A deal no longer in the catalog throws.
 */
public final class RuleBasedAnalysisProvider implements AnalysisProvider {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final DealCatalog catalog;

    /** @param catalog where deals, their price history and search come from: {@code deals.catalog()} */
    public RuleBasedAnalysisProvider(DealCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public AnalysisOutcome analyse(AnalysisCall call) {
        AnalysisSubject subject = call.task().subject();
        ObjectNode result;
        if (subject instanceof AnalysisSubject.Deal deal) {
            DealView view = catalog.find(deal.dealId()).filter(found -> found.status() == DealView.Status.ACTIVE)
                    .orElseThrow(() -> new IllegalStateException("deal " + deal.dealId() + " is no longer active in the catalog"));
            result = judge(view, catalog.priceHistory(deal.dealId()));
        } else if (subject instanceof AnalysisSubject.Product product) {
            result = survey(product.name());
        } else {
            result = Json.MAPPER.createObjectNode().put("verdict", "unknown").put("score", 0);
            result.putArray("reasons").add("a web address alone has no price history to judge; ingest the deal and ask about it");
        }
        result.put("analyst", "rule-based").put("model", call.model().name());
        String text = result.toString();
        int tokens = Analysis.estimatedTokens(call.task().prompt()) + Analysis.estimatedTokens(text);
        return new AnalysisOutcome(text, Math.min(tokens, call.tokenBudget()));
    }

    static ObjectNode judge(DealView deal, List<PricePoint> history) {
        BigDecimal current = deal.currentPrice();
        BigDecimal lowest = history.stream().map(PricePoint::price).reduce(current, BigDecimal::min);
        BigDecimal reliability = deal.sourceReliability() == null ? new BigDecimal("0.5") : deal.sourceReliability();
        double priceScore = 40 * lowest.doubleValue() / current.doubleValue();
        double discountScore = 30 * Math.min(deal.discountPercentage().doubleValue(), 60) / 60;
        double reliabilityScore = 30 * reliability.doubleValue();
        long score = Math.round(priceScore + discountScore + reliabilityScore);
        ObjectNode result = Json.MAPPER.createObjectNode()
                .put("verdict", score >= 70 ? "buy" : score >= 45 ? "wait" : "skip")
                .put("score", score)
                .put("current_price", current)
                .put("lowest_price", lowest)
                .put("discount_percentage", deal.discountPercentage())
                .put("source_reliability", reliability);
        var reasons = result.putArray("reasons");
        if (current.compareTo(lowest) <= 0) {
            reasons.add("the lowest price seen (" + history.size() + " prices recorded)");
        } else {
            BigDecimal above = current.subtract(lowest).multiply(HUNDRED).divide(lowest, 1, RoundingMode.HALF_UP);
            reasons.add(above.toPlainString() + " % above the lowest price seen, " + lowest.toPlainString());
        }
        reasons.add(deal.discountPercentage().stripTrailingZeros().toPlainString() + " % off " + deal.originalPrice().toPlainString());
        reasons.add("source " + deal.sourceName() + " has reliability " + reliability.toPlainString());
        return result;
    }

    private ObjectNode survey(String productName) {
        List<DealView> offers = catalog.search(DealQuery.all().withText(productName).sortedBy(DealQuery.Sort.PRICE), PageRequest.first(5)).items();
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (offers.isEmpty()) {
            result.put("verdict", "unknown").put("score", 0).put("offers", 0);
            result.putArray("reasons").add("no active deal in the catalog matches '" + productName + "'");
            return result;
        }
        DealView cheapest = offers.get(0);
        BigDecimal best = offers.stream().map(DealView::discountPercentage).reduce(BigDecimal.ZERO, BigDecimal::max);
        result.put("verdict", best.compareTo(BigDecimal.valueOf(20)) >= 0 ? "buy" : "wait")
                .put("score", Math.min(100, best.intValue() + 40))
                .put("offers", offers.size())
                .put("cheapest_deal_id", cheapest.id().toString())
                .put("cheapest_price", cheapest.currentPrice())
                .put("best_discount_percentage", best);
        result.putArray("reasons").add(offers.size() + " matching deals; the cheapest is " + cheapest.currentPrice().toPlainString() + " at "
                + cheapest.marketName());
        return result;
    }
}
