package org.agenticdeals.notifications;

import static org.agenticdeals.jooq.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.preferences.NotificationSettings;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotificationsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void quietHoursDeferDeliveryAsTheJavaRuleSaysInEveryZoneAcrossMidnightAndDaylightSaving(TestDatabase test) {
        DSLContext owner = test.ownerDsl();
        var random = new SplittableRandom(3);
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Auckland");
        int deferred = 0;
        for (int sample = 0; sample < 3_000; sample++) {
            ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
            LocalTime start = LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
            LocalTime end = random.nextInt(10) == 0 ? start : LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 24 * 3600));
            var settings = new NotificationSettings(null, true, true, true, true, true, true, start, end, zone, null);

            OffsetDateTime sql = owner.fetchOne("select deals.notification_deliver_after(?::time, ?::time, ?, ?::timestamptz)",
                    start, end, zone.getId(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).get(0, OffsetDateTime.class);

            assertThat(sql.toInstant()).as("%s to %s in %s at %s", start, end, zone, at).isEqualTo(settings.deliveryTime(at));
            assertThat(settings.isQuietAt(settings.deliveryTime(at)) && !start.equals(end)).as("never delivered inside quiet hours").isFalse();
            deferred += settings.deliveryTime(at).equals(at) ? 0 : 1;
        }
        assertThat(deferred).isGreaterThan(500);
    }

    @Test
    void alertsFollowTheUsersChannelFlagsAndWaitForTheEndOfTheirQuietHours(SeedData seed, TestDatabase test) {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock));
        UUID user = test.fixtures().user().create().getId();
        // 10:00 UTC is 11:00 in Berlin: inside 08:00 to 12:30.
        NotificationSettings settings = deals.preferences().updateNotificationSettings(user, current -> current
                .withEmail(false, true, true).withPush(true, true, true).withQuietHours(LocalTime.of(8, 0), LocalTime.of(12, 30))
                .withTimeZone(ZoneId.of("Europe/Berlin")));
        var goal = deals.goals().create(user, NewGoal.of("Quiet zorblat", GoalParameters.none().withKeywords("zorblat")
                .withAlertThreshold(BigDecimal.ZERO)));

        deals.goals().matchNewDeals(ingest(deals, seed, "quiet", "Zorblat lamp").dealIds());

        Notification alert = deals.notifications().list(user, PageRequest.first(10)).items().get(0);
        assertThat(alert.type()).isEqualTo(NotificationType.DEAL_ALERT);
        assertThat(alert.goalId()).isEqualTo(goal.id());
        assertThat(alert.email()).isFalse();
        assertThat(alert.push()).isTrue();
        assertThat(alert.deliverAfter()).isEqualTo(settings.deliveryTime(NOW)).isEqualTo(Instant.parse("2026-11-25T11:30:00Z"));
        assertThat(deals.notifications().pendingDeliveries(NOW.plusSeconds(3600), 100)).extracting(Delivery::notificationId)
                .doesNotContain(alert.id());
        assertThat(deals.notifications().pendingDeliveries(Instant.parse("2026-11-25T11:30:00Z"), 100)).filteredOn(
                delivery -> delivery.notificationId().equals(alert.id())).singleElement().satisfies(delivery -> {
                    assertThat(delivery.push()).isTrue();
                    assertThat(delivery.email()).isFalse();
                    assertThat(delivery.userId()).isEqualTo(user);
                });
    }

    @Test
    void alertsOverTheHourlyLimitAreFoldedIntoOneDigestAndNoMatchIsAlertedTwice(SeedData seed, TestDatabase test) {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock).alertsPerGoalPerHour(3));
        UUID user = test.fixtures().user().create().getId();
        var goal = deals.goals().create(user, NewGoal.of("Quimbex", GoalParameters.none().withKeywords("quimbex")
                .withAlertThreshold(BigDecimal.ZERO)));

        List<UUID> first = ingest(deals, seed, "digest-1", "Quimbex one", "Quimbex two", "Quimbex three", "Quimbex four", "Quimbex five").dealIds();
        MatchRun run = deals.goals().matchNewDeals(first);
        assertThat(run.alertsCreated()).isEqualTo(3);
        assertThat(run.matchesDigested()).isEqualTo(2);
        assertThat(deals.goals().matchNewDeals(first).alertsCreated()).as("again: nothing new").isZero();

        clock.advance(Duration.ofMinutes(20));
        MatchRun later = deals.goals().matchNewDeals(ingest(deals, seed, "digest-2", "Quimbex six", "Quimbex seven").dealIds());
        assertThat(later.alertsCreated()).isZero();
        assertThat(later.matchesDigested()).isEqualTo(2);
        List<Notification> inbox = deals.notifications().list(user, PageRequest.first(20)).items();
        assertThat(inbox).filteredOn(notification -> notification.dealId() != null).hasSize(3);
        assertThat(inbox).filteredOn(notification -> notification.dealId() == null && notification.goalId() != null).singleElement()
                .satisfies(digest -> assertThat(digest.metadata()).contains("\"count\": 4"));

        clock.advance(Duration.ofMinutes(41));
        MatchRun nextHour = deals.goals().matchNewDeals(ingest(deals, seed, "digest-3", "Quimbex eight").dealIds());
        assertThat(nextHour.alertsCreated()).isEqualTo(1);
        assertThat(test.ownerDsl().fetchCount(NOTIFICATIONS, NOTIFICATIONS.GOAL_ID.eq(goal.id()))).isEqualTo(5);
    }

    @Test
    void theInboxListsUnreadFirstNewestFirstAndReadOnesAreKeptForTheRetentionPeriod(SeedData seed, TestDatabase test) {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock).readNotificationRetention(Duration.ofDays(30)));
        UUID user = test.fixtures().user().create().getId();
        UUID admin = seed.admin().id();
        var sent = new ArrayList<UUID>();
        for (int index = 0; index < 7; index++) {
            deals.notifications().sendSystemMessage(admin, List.of(user), "Message " + index, "Body " + index, "https://example.com/" + index);
            sent.add(deals.notifications().list(user, PageRequest.first(1)).items().get(0).id());
            clock.advance(Duration.ofMinutes(1));
        }
        deals.notifications().markRead(user, sent.get(5));
        deals.notifications().markRead(user, sent.get(1));
        assertThat(deals.notifications().markRead(user, sent.get(1)).read()).as("idempotent").isTrue();

        var titles = new ArrayList<String>();
        Page<Notification> page = deals.notifications().list(user, PageRequest.first(3));
        while (true) {
            page.items().forEach(notification -> titles.add(notification.title()));
            if (!page.hasMore()) {
                break;
            }
            page = deals.notifications().list(user, PageRequest.after(page.nextCursor().orElseThrow(), 3));
        }
        assertThat(titles.subList(titles.size() - 7, titles.size())).containsExactly("Message 6", "Message 4", "Message 3", "Message 2", "Message 0",
                "Message 5", "Message 1");
        int unread = deals.notifications().unreadCount(user);
        assertThat(unread).isEqualTo(titles.size() - 2);

        UUID stranger = test.fixtures().user().create().getId();
        assertThatThrownBy(() -> deals.notifications().markRead(stranger, sent.get(0))).isInstanceOf(NotFoundException.class);

        assertThat(deals.notifications().markAllRead(user)).isEqualTo(unread);
        clock.advance(Duration.ofDays(31));
        deals.notifications().sendSystemMessage(admin, List.of(user), "Fresh", "Still unread", null);
        assertThat(deals.notifications().purgeRead()).isGreaterThanOrEqualTo(titles.size());
        assertThat(deals.notifications().list(user, PageRequest.first(10)).items()).extracting(Notification::title).containsExactly("Fresh");
    }

    @Test
    void concurrentSendersNeverClaimTheSameNotificationAndALapsedClaimIsHandedOutAgain(SeedData seed, TestDatabase test) throws Exception {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock).deliveryClaimTimeout(Duration.ofMinutes(2)));
        UUID admin = seed.admin().id();
        var users = new ArrayList<UUID>();
        for (int index = 0; index < 150; index++) {
            users.add(test.fixtures().user().create().getId());
        }
        int created = deals.notifications().sendSystemMessage(admin, users, "Maintenance", "Tonight at 02:00", null);
        var claimed = new ConcurrentLinkedQueue<UUID>();
        var threads = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        var senders = new ArrayList<Future<?>>();
        for (int sender = 0; sender < 4; sender++) {
            senders.add(threads.submit(() -> {
                start.await();
                while (true) {
                    List<Delivery> batch = deals.notifications().pendingDeliveries(NOW, 7);
                    if (batch.isEmpty()) {
                        return null;
                    }
                    for (Delivery delivery : batch) {
                        claimed.add(delivery.notificationId());
                        deals.notifications().markDelivered(delivery.notificationId());
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> sender : senders) {
            sender.get();
        }
        threads.shutdown();
        assertThat(created).isEqualTo(150);
        assertThat(claimed).hasSize(created).doesNotHaveDuplicates();

        deals.notifications().sendSystemMessage(admin, List.of(users.get(0)), "Once more", "A claim that lapses", null);
        Delivery lapsed = deals.notifications().pendingDeliveries(NOW, 10).get(0);
        assertThat(deals.notifications().pendingDeliveries(NOW.plusSeconds(60), 10)).as("claimed").isEmpty();
        assertThat(deals.notifications().pendingDeliveries(NOW.plusSeconds(121), 10)).extracting(Delivery::notificationId)
                .containsExactly(lapsed.notificationId());
        assertThat(deals.notifications().markDelivered(lapsed.notificationId())).isTrue();
        assertThat(deals.notifications().markDelivered(lapsed.notificationId())).isFalse();
    }

    @Test
    void aPriceDropReachesEveryUserWhoSavedOrMatchedTheDealOnce(Deals deals, SeedData seed, TestDatabase test) {
        UUID saver = test.fixtures().user().create().getId();
        UUID matcher = test.fixtures().user().create().getId();
        UUID both = test.fixtures().user().create().getId();
        UUID bystander = test.fixtures().user().create().getId();
        IngestionResult first = ingest(deals, seed, "drop", "Fradnok kettle");
        UUID deal = first.dealIds().get(0);
        deals.savedDeals().save(saver, deal, null);
        deals.savedDeals().save(both, deal, null);
        for (UUID user : List.of(matcher, both)) {
            deals.goals().create(user, NewGoal.of("Fradnok", GoalParameters.none().withKeywords("fradnok")));
        }
        deals.goals().matchNewDeals(first.dealIds());

        IngestionResult cheaper = deals.catalog().ingest(seed.source("Slickdeals Scraper").id(), List.of(input(seed, "drop", 0, "Fradnok kettle", "70.00")));
        PriceDropRun run = deals.notifications().notifyPriceDrops(cheaper.priceDrops());

        assertThat(run.notificationsCreated()).isEqualTo(3);
        for (UUID user : List.of(saver, matcher, both)) {
            assertThat(deals.notifications().list(user, PageRequest.first(10)).items()).filteredOn(n -> n.type() == NotificationType.PRICE_DROP)
                    .singleElement().satisfies(drop -> {
                        assertThat(drop.dealId()).isEqualTo(deal);
                        assertThat(drop.content()).contains("80.00").contains("70.00");
                    });
        }
        assertThat(deals.notifications().list(bystander, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void tokenChangesAndGoalStatusChangesNotifyTheOwner(SeedData seed, TestDatabase test) {
        var clock = new MutableClock(NOW);
        Deals deals = test.deals(builder -> builder.clock(clock));
        UUID user = test.fixtures().user().create().getId();
        deals.ledger().purchase(user, seed.packages().get(1).id(), "pay-notify-1");
        deals.ledger().purchase(user, seed.packages().get(1).id(), "pay-notify-1");
        var goal = deals.goals().create(user, new NewGoal("Plovix", null, GoalParameters.none().withKeywords("plovix"), 3, NOW.plusSeconds(3600)));
        deals.goals().pause(user, goal.id());
        clock.advance(Duration.ofHours(2));
        assertThat(deals.goals().expireDue()).isEqualTo(1);

        List<Notification> inbox = deals.notifications().list(user, PageRequest.first(10)).items();
        assertThat(inbox).filteredOn(n -> n.type() == NotificationType.TOKEN_UPDATE).as("a replayed purchase notifies nobody").singleElement()
                .satisfies(token -> assertThat(token.metadata()).contains("purchase"));
        assertThat(inbox).filteredOn(n -> n.type() == NotificationType.GOAL_UPDATE).extracting(Notification::title)
                .containsExactly("Goal \"Plovix\" has expired: its target date passed", "Goal \"Plovix\" is paused");
    }

    // ------------------------------------------------------------------------------------------- data

    private static IngestionResult ingest(Deals deals, SeedData seed, String prefix, String... titles) {
        var batch = new ArrayList<DealInput>();
        for (int index = 0; index < titles.length; index++) {
            batch.add(input(seed, prefix, index, titles[index], "80.00"));
        }
        return deals.catalog().ingest(seed.source("Slickdeals Scraper").id(), batch);
    }

    private static DealInput input(SeedData seed, String prefix, int index, String title, String price) {
        return new DealInput(title, "A deal for notification tests", "https://notify.example.com/" + prefix + "/" + index, null,
                new BigDecimal("100.00"), new BigDecimal(price), seed.market("Amazon").id(), null, null);
    }

    @SuppressWarnings("unused")
    private static Set<UUID> ids(List<Notification> notifications) {
        return new HashSet<>(notifications.stream().map(Notification::id).toList());
    }
}
