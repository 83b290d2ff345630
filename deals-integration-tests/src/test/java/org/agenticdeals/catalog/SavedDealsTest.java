package org.agenticdeals.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SavedDealsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void savingIsIdempotentNotesChangeAndUnsavingForgets(Deals deals, Fixtures fixtures) {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().create().getId();

        SavedDeal first = deals.savedDeals().save(user, deal, "Birthday present");
        SavedDeal again = deals.savedDeals().save(user, deal, null);

        assertThat(again.savedAt()).isEqualTo(first.savedAt());
        assertThat(again.notes()).isEqualTo("Birthday present");
        assertThat(deals.savedDeals().updateNotes(user, deal, "Wait for Black Friday").notes()).isEqualTo("Wait for Black Friday");
        assertThat(deals.savedDeals().unsave(user, deal)).isTrue();
        assertThat(deals.savedDeals().unsave(user, deal)).isFalse();
        assertThatThrownBy(() -> deals.savedDeals().updateNotes(user, deal, "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.savedDeals().save(user, UUID.randomUUID(), null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aUserSeesOnlyTheirOwnSavedDealsPageByPage(Deals deals, SeedData seed, Fixtures fixtures) {
        UUID alice = seed.user("alice@example.com").id();
        UUID bob = seed.user("bob@example.com").id();
        for (int deal = 0; deal < 7; deal++) {
            deals.savedDeals().save(alice, fixtures.deal().create().getId(), null);
        }

        var seen = new ArrayList<UUID>();
        PageRequest request = PageRequest.first(3);
        while (true) {
            Page<SavedDeal> page = deals.savedDeals().list(alice, request);
            page.items().forEach(saved -> seen.add(saved.dealId()));
            if (!page.hasMore()) {
                break;
            }
            request = PageRequest.after(page.nextCursor().orElseThrow(), 3);
        }

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(7);
        var bobsDeals = deals.savedDeals().list(bob, PageRequest.first(100)).items();
        assertThat(bobsDeals).extracting(SavedDeal::dealId).doesNotContainAnyElementsOf(seen.subList(0, 7));
        assertThatThrownBy(() -> deals.savedDeals().updateNotes(bob, seen.get(0), "not mine")).isInstanceOf(NotFoundException.class);
        assertThat(deals.savedDeals().unsave(bob, seen.get(0))).isFalse();
        assertThat(deals.savedDeals().list(alice, PageRequest.first(100)).items()).extracting(SavedDeal::dealId).contains(seen.get(0));
    }
}
