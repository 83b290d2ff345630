package org.agenticdeals.sharing;

import static org.agenticdeals.jooq.Tables.SHARED_DEALS;
import static org.agenticdeals.jooq.Tables.SOCIAL_INTERACTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.jooq.enums.InteractionType;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharingTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void everyChannelMakesAShareWithALinkAndRecordsTheShareInteraction(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().title("Espresso machine").create().getId();

        Share email = deals.sharing().share(user, NewShare.byEmail(deal, List.of(" Bob@Example.com", "carol@example.com", "bob@example.com"))
                .withMessage("  This one is for you  ").withExpiry(Instant.now().plus(Duration.ofDays(7))));
        Share link = deals.sharing().share(user, NewShare.byLink(deal));
        Share social = deals.sharing().share(user, NewShare.toSocial(deal, "Mastodon"));

        assertThat(email.channel()).isEqualTo(new ShareChannel.Email(List.of("bob@example.com", "carol@example.com")));
        assertThat(email.message()).isEqualTo("This one is for you");
        assertThat(email.expiresAt()).isNotNull();
        assertThat(link.channel()).isEqualTo(new ShareChannel.Link());
        assertThat(social.channel()).isEqualTo(new ShareChannel.Social("mastodon"));
        assertThat(List.of(email, link, social)).allSatisfy(share -> {
            assertThat(share.dealId()).isEqualTo(deal);
            assertThat(share.dealTitle()).isEqualTo("Espresso machine");
            assertThat(share.active()).isTrue();
            assertThat(share.clickCount()).isZero();
            assertThat(share.publicLinkId()).matches("[A-Za-z0-9_-]{32}");
        });
        assertThat(List.of(email.publicLinkId(), link.publicLinkId(), social.publicLinkId())).doesNotHaveDuplicates();

        var recorded = test.ownerDsl().selectFrom(SOCIAL_INTERACTIONS).where(SOCIAL_INTERACTIONS.USER_ID.eq(user)).fetch();
        assertThat(recorded).hasSize(3).allSatisfy(interaction -> {
            assertThat(interaction.getInteractionType()).isEqualTo(InteractionType.SHARE);
            assertThat(interaction.getDealId()).isEqualTo(deal);
        });
        assertThat(recorded).extracting(interaction -> interaction.getShareId()).containsExactlyInAnyOrder(email.id(), link.id(), social.id());
        assertThat(recorded).extracting(interaction -> interaction.getMetadata().data().replace(" ", ""))
                .containsExactlyInAnyOrder("{\"channel\":\"email\"}", "{\"channel\":\"link\"}", "{\"channel\":\"social\"}");
    }

    @Test
    void badSharesAreRefusedNamingTheFieldAndWriteNothing(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fixtures.user().create().getId();
        UUID deal = fixtures.deal().create().getId();
        UUID expired = fixtures.deal().expiresAt(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)).create().getId();
        List<String> tooMany = new ArrayList<>();
        for (int index = 0; index <= Sharing.MAX_RECIPIENTS; index++) {
            tooMany.add("friend" + index + "@example.com");
        }
        Map<String, NewShare> refused = Map.ofEntries(
                Map.entry("share.dealId", NewShare.byLink(null)),
                Map.entry("share.channel", new NewShare(deal, null, null, null)),
                Map.entry("share.channel.recipients", NewShare.byEmail(deal, List.of())),
                Map.entry("share.channel.recipients[1]", NewShare.byEmail(deal, List.of("bob@example.com", "not an address"))),
                Map.entry("share.channel.recipients[0]", NewShare.byEmail(deal, Collections.singletonList(null))),
                Map.entry("share.channel.recipients[2]", NewShare.byEmail(deal, List.of("a@example.com", "b@example.com", "c@exam\u0000ple.com"))),
                Map.entry("share.channel.platform", NewShare.toSocial(deal, "my platform; drop table")),
                Map.entry("share.message", NewShare.byLink(deal).withMessage("x".repeat(Sharing.MAX_MESSAGE + 1))),
                Map.entry("share.expiresAt", NewShare.byLink(deal).withExpiry(Instant.now().minusSeconds(1))));
        Map<String, Long> before = RowCounts.of(test);

        refused.forEach((field, share) -> assertThatThrownBy(() -> deals.sharing().share(user, share))
                .as(field).isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo(field)));
        assertThatThrownBy(() -> deals.sharing().share(user, NewShare.byEmail(deal, tooMany)))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.getMessage())
                        .isEqualTo("share.channel.recipients must name at most 20 distinct addresses"));
        assertThatThrownBy(() -> deals.sharing().share(user, NewShare.toSocial(deal, " "))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> deals.sharing().share(user, NewShare.byLink(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.sharing().share(user, NewShare.byLink(expired))).isInstanceOf(NotFoundException.class);

        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void resolvingALinkReturnsTheDealCountsTheClickAndRecordsIt(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID owner = fixtures.user().create().getId();
        UUID visitor = fixtures.user().create().getId();
        UUID category = fixtures.category().name("Coffee " + UUID.randomUUID()).create().getId();
        UUID deal = fixtures.deal().title("Burr grinder").price("89.00").originalPrice("129.00").category(category).create().getId();
        Share share = deals.sharing().share(owner, NewShare.byLink(deal));

        DealView anonymous = deals.sharing().resolve(share.publicLinkId());
        DealView signedIn = deals.sharing().resolve(share.publicLinkId(), visitor);

        assertThat(anonymous).isEqualTo(signedIn).isEqualTo(deals.catalog().find(deal).orElseThrow());
        assertThat(anonymous.title()).isEqualTo("Burr grinder");
        assertThat(anonymous.categoryPath()).hasSize(1);
        assertThat(deals.sharing().find(owner, share.id()).orElseThrow().clickCount()).isEqualTo(2);
        var clicks = test.ownerDsl().selectFrom(SOCIAL_INTERACTIONS)
                .where(SOCIAL_INTERACTIONS.SHARE_ID.eq(share.id()).and(SOCIAL_INTERACTIONS.INTERACTION_TYPE.eq(InteractionType.CLICK))).fetch();
        assertThat(clicks).extracting(click -> click.getUserId()).containsExactlyInAnyOrder(null, visitor);
        assertThat(clicks).allSatisfy(click -> assertThat(click.getDealId()).isEqualTo(deal));
        assertThatThrownBy(() -> deals.sharing().resolve(share.publicLinkId(), UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(deals.sharing().find(owner, share.id()).orElseThrow().clickCount()).as("nothing counted for an unknown visitor").isEqualTo(2);
    }

    @Test
    void everyUnavailableLinkIsRefusedAlikeAndCountsNothing(Fixtures fixtures, TestDatabase test) {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock));
        UUID owner = fixtures.user().create().getId();
        UUID admin = fixtures.user().admin().create().getId();
        Share deactivated = deals.sharing().share(owner, NewShare.byLink(fixtures.deal().create().getId()));
        deals.sharing().deactivate(owner, deactivated.id());
        assertThat(deals.sharing().deactivate(owner, deactivated.id()).active()).as("deactivating again changes nothing").isFalse();
        Share expiring = deals.sharing().share(owner, NewShare.byLink(fixtures.deal().create().getId()).withExpiry(NOW.plusSeconds(60)));
        UUID removedDeal = fixtures.deal().create().getId();
        Share ofRemovedDeal = deals.sharing().share(owner, NewShare.byLink(removedDeal));
        deals.catalog().remove(admin, removedDeal);
        Share ofExpiringDeal = deals.sharing().share(owner,
                NewShare.byLink(fixtures.deal().expiresAt(OffsetDateTime.ofInstant(NOW.plusSeconds(30), ZoneOffset.UTC)).create().getId()));
        assertThat(deals.sharing().resolve(expiring.publicLinkId())).isNotNull();
        assertThat(deals.sharing().resolve(ofExpiringDeal.publicLinkId())).isNotNull();
        clock.advance(Duration.ofMinutes(2));
        Map<String, Long> before = RowCounts.of(test);

        List<String> links = List.of(deactivated.publicLinkId(), expiring.publicLinkId(), ofRemovedDeal.publicLinkId(),
                ofExpiringDeal.publicLinkId(), ShareLinks.next(), "too-short", "x".repeat(10_000_000), "' OR 1=1 --" + "a".repeat(21));
        var messages = new ArrayList<String>();
        for (String link : links) {
            assertThatThrownBy(() -> deals.sharing().resolve(link))
                    .isInstanceOfSatisfying(ShareLinkUnavailableException.class, refusal -> messages.add(refusal.getMessage()));
        }

        assertThat(messages).hasSize(links.size()).containsOnly("this shared link is not available");
        assertThat(RowCounts.of(test)).isEqualTo(before);
        assertThat(test.ownerDsl().select(SHARED_DEALS.ID, SHARED_DEALS.CLICK_COUNT).from(SHARED_DEALS)
                .where(SHARED_DEALS.ID.in(deactivated.id(), expiring.id(), ofRemovedDeal.id(), ofExpiringDeal.id())).fetchMap(SHARED_DEALS.ID,
                        SHARED_DEALS.CLICK_COUNT))
                .isEqualTo(Map.of(deactivated.id(), 0, expiring.id(), 1, ofRemovedDeal.id(), 0, ofExpiringDeal.id(), 1));
        assertThatThrownBy(() -> deals.sharing().resolve(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void aThousandConcurrentResolvesOfOneLinkCountExactlyAThousandClicks(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        UUID owner = fixtures.user().create().getId();
        Share share = deals.sharing().share(owner, NewShare.byLink(fixtures.deal().create().getId()));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<DealView>> resolves = Collections.nCopies(1_000, () -> deals.sharing().resolve(share.publicLinkId()));
            for (Future<DealView> resolved : threads.invokeAll(resolves)) {
                assertThat(resolved.get().id()).isEqualTo(share.dealId());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(deals.sharing().find(owner, share.id()).orElseThrow().clickCount()).isEqualTo(1_000);
        assertThat(test.ownerDsl().fetchCount(SOCIAL_INTERACTIONS, SOCIAL_INTERACTIONS.SHARE_ID.eq(share.id())
                .and(SOCIAL_INTERACTIONS.INTERACTION_TYPE.eq(InteractionType.CLICK)))).isEqualTo(1_000);
    }

    @Test
    void aUserSeesListsAndDeactivatesOnlyTheirOwnSharesWhileAnyoneResolves(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID alice = fixtures.user().create().getId();
        UUID bob = fixtures.user().create().getId();
        var made = new ArrayList<UUID>();
        for (int index = 0; index < 25; index++) {
            made.add(deals.sharing().share(alice, NewShare.byLink(fixtures.deal().create().getId())).id());
        }
        Share clicked = deals.sharing().find(alice, made.get(3)).orElseThrow();
        deals.sharing().resolve(clicked.publicLinkId());

        List<Share> seen = pages(request -> deals.sharing().list(alice, request));

        assertThat(seen).extracting(Share::id).containsExactlyInAnyOrderElementsOf(made);
        assertThat(seen).extracting(Share::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(seen).filteredOn(share -> share.id().equals(clicked.id())).singleElement().extracting(Share::clickCount).isEqualTo(1);
        assertThat(deals.sharing().list(bob, PageRequest.first(100)).items()).isEmpty();
        assertThat(deals.sharing().find(bob, clicked.id())).isEmpty();
        assertThatThrownBy(() -> deals.sharing().deactivate(bob, clicked.id())).isInstanceOf(NotFoundException.class);
        assertThat(deals.sharing().find(alice, clicked.id()).orElseThrow().active()).isTrue();
        // As the application role in bob's security context, a query without WHERE sees none of alice's rows.
        int visibleToBob = test.dsl().transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.execute("select set_config('app.current_user_id', ?, true)", bob.toString());
            return tx.fetchCount(SHARED_DEALS);
        });
        assertThat(visibleToBob).isZero();
        assertThat(test.ownerDsl().fetchCount(SHARED_DEALS, SHARED_DEALS.USER_ID.eq(alice))).isEqualTo(25);
    }

    private static List<Share> pages(Function<PageRequest, Page<Share>> list) {
        var seen = new ArrayList<Share>();
        PageRequest request = PageRequest.first(10);
        while (true) {
            Page<Share> page = list.apply(request);
            seen.addAll(page.items());
            if (!page.hasMore()) {
                return seen;
            }
            request = PageRequest.after(page.nextCursor().orElseThrow(), 10);
        }
    }
}
