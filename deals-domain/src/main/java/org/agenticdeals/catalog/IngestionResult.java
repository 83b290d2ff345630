package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What one ingestion batch did. Every input item is counted once: inserted, updated, unchanged or refused.
 *
 * @param dealIds    the deals inserted or updated, for goal matching
 * @param priceDrops existing deals whose current price fell, for price-drop notifications
 */
public record IngestionResult(int inserted, int updated, int unchanged, List<RefusedItem> refused, List<PriceDrop> priceDrops,
                              List<UUID> dealIds) {

    /**
     * Copies the lists.
     *
     * @param inserted new deals
     * @param updated existing deals that changed
     * @param unchanged existing deals that did not
     * @param refused the items refused, with their index and reason
     * @param priceDrops existing deals whose current price fell
     * @param dealIds the deals inserted or updated
     */
    public IngestionResult {
        refused = List.copyOf(refused);
        priceDrops = List.copyOf(priceDrops);
        dealIds = List.copyOf(dealIds);
    }

    /** An input item that was not ingested: its position in the batch and the rule it broke. */
    public record RefusedItem(int index, String field, String reason) {
    }

    /** An existing deal that got cheaper. */
    public record PriceDrop(UUID dealId, BigDecimal oldPrice, BigDecimal newPrice) {
    }
}
