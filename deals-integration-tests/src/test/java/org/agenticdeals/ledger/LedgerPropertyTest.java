package org.agenticdeals.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.PageRequest;
import org.agenticdeals.Page;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;

/**
 * The ledger against a model small enough to be obviously right: random sequences of purchases, code redemptions
 * (with a redemption limit and an expiry), AI charges (some beyond the balance), refunds (some beyond what is
 * refundable), signup and referral bonuses, admin adjustments, repeated idempotency keys and the expiry job with a clock
 * moved by days, over three users. After every step the call's outcome (the entry, a replay, or which refusal) and
 * every balance must be what the model predicts; at the end each user reconciles clean and their statement sums to
 * their balance and lifetime totals.
 *
 * <p>Each try runs on a fresh database (a copy of the empty template). Keys, request ids and amounts come from small
 * pools so that retries, key conflicts and refusals are common; jqwik shrinks a failing sequence to a short one.
 */
@Tag("reliability")
class LedgerPropertyTest {

    private static final int USERS = 3;
    private static final int PACKAGE_TOKENS = 100;
    private static final Duration LIFETIME = Duration.ofDays(3);
    private static final int SIGNUP = 50;
    private static final int REFERRAL = 25;
    private static final List<UUID> REQUEST_IDS = List.of(UUID.fromString("00000000-0000-4000-8000-000000000001"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"), UUID.fromString("00000000-0000-4000-8000-000000000003"),
            UUID.fromString("00000000-0000-4000-8000-000000000004"));

    // ----------------------------------------------------------------------------------------------- operations

    /** One call on the ledger, in terms of small indices the model and the database both understand. */
    sealed interface Operation {
    }

    record Purchase(int user, int reference) implements Operation {
    }

    record Redeem(int user, int code, int key) implements Operation {
    }

    record Charge(int user, int tokens, int request) implements Operation {
    }

    /** Refunds the {@code charge}-th successful charge so far (modulo their number; an unknown id when there is none). */
    record Refund(int charge, int tokens, int key) implements Operation {
    }

    record SignupBonus(int user) implements Operation {
    }

    record ReferralBonus(int referrer, int referee) implements Operation {
    }

    record Adjust(int user, int amount, int key) implements Operation {
    }

    /** Moves the clock by days and runs the expiry job. */
    record Expire(int days) implements Operation {
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS - 1);
        Arbitrary<Integer> key = Arbitraries.integers().between(0, 3);
        Arbitrary<Operation> purchase = Combinators.combine(user, key).as(Purchase::new);
        Arbitrary<Operation> redeem = Combinators.combine(user, Arbitraries.integers().between(0, 1), key).as(Redeem::new);
        Arbitrary<Operation> charge = Combinators.combine(user, Arbitraries.of(1, 10, 30, 80, 160), key).as(Charge::new);
        Arbitrary<Operation> refund = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(1, 5, 20, 90), key).as(Refund::new);
        Arbitrary<Operation> signup = user.map(SignupBonus::new);
        Arbitrary<Operation> referral = Combinators.combine(user, user).as(ReferralBonus::new);
        Arbitrary<Operation> adjust = Combinators.combine(user, Arbitraries.of(-120, -15, 5, 40), key).as(Adjust::new);
        Arbitrary<Operation> expire = Arbitraries.integers().between(1, 4).map(Expire::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, purchase), net.jqwik.api.Tuple.of(2, redeem), net.jqwik.api.Tuple.of(4, charge),
                        net.jqwik.api.Tuple.of(3, refund), net.jqwik.api.Tuple.of(1, signup), net.jqwik.api.Tuple.of(1, referral),
                        net.jqwik.api.Tuple.of(2, adjust), net.jqwik.api.Tuple.of(1, expire))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    // --------------------------------------------------------------------------------------------- the property

    @Property(tries = 50)
    void theLedgerAgreesWithTheModel(@ForAll("operations") List<Operation> operations) {
        try (TestDatabase database = DealsTestkit.shared().database(Seed.empty())) {
            var clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
            Deals deals = database.deals(builder -> builder.clock(clock).promotionalCreditLifetime(LIFETIME).signupBonusTokens(SIGNUP)
                    .referralBonusTokens(REFERRAL));
            UUID admin = database.fixtures().user().email("admin@example.com").admin().create().getId();
            var users = new ArrayList<UUID>();
            for (int index = 0; index < USERS; index++) {
                users.add(database.fixtures().user().email("user" + index + "@example.com").create().getId());
            }
            UUID tokenPackage = database.fixtures().tokenPackage().tokens(PACKAGE_TOKENS).create().getId();
            List<String> codes = List.of(
                    deals.ledger().createCode(admin, new NewRedemptionCode("TWICE-20", 20, 2, null)).code(),
                    deals.ledger().createCode(admin, new NewRedemptionCode("ONCE-35", 35, 1, clock.instant().plus(Duration.ofDays(2)))).code());
            var model = new Model(users, clock);
            var ledger = deals.ledger();
            int step = 0;
            for (Operation operation : operations) {
                step++;
                Prediction predicted = model.predict(operation, codes);
                Object outcome = run(() -> call(operation, ledger, model, users, admin, tokenPackage, codes, clock));
                net.jqwik.api.statistics.Statistics.label("outcomes").collect(outcome instanceof DealsRefusal refusal
                        ? refusal.getClass().getSimpleName() : predicted.replayed() ? "replayed" : operation.getClass().getSimpleName());
                String at = "step " + step + " " + operation + " in " + operations;
                predicted.check(outcome, at);
                model.apply(operation, outcome, predicted);
                for (int index = 0; index < USERS; index++) {
                    Balance balance = ledger.balance(users.get(index));
                    assertThat(balance.balance()).as("balance of user %d after %s", index, at).isEqualTo(model.balance(index));
                    assertThat(balance.lifetimeEarned()).as("earned of user %d after %s", index, at).isEqualTo(model.earned(index));
                    assertThat(balance.lifetimeSpent()).as("spent of user %d after %s", index, at).isEqualTo(model.spent(index));
                }
                clock.advance(Duration.ofMinutes(1));
            }
            for (int index = 0; index < USERS; index++) {
                UUID user = users.get(index);
                assertThat(ledger.reconcile(user).clean()).as("user %d reconciles after %s", index, operations).isTrue();
                long sum = 0;
                long credits = 0;
                long debits = 0;
                PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
                while (true) {
                    Page<LedgerEntry> statement = ledger.statement(user, StatementFilter.all(), page);
                    for (LedgerEntry entry : statement.items()) {
                        sum += entry.amount();
                        credits += Math.max(0, entry.amount());
                        debits += Math.max(0, -entry.amount());
                    }
                    if (statement.nextCursor().isEmpty()) {
                        break;
                    }
                    page = PageRequest.after(statement.nextCursor().get(), PageRequest.MAX_SIZE);
                }
                assertThat(sum).as("statement sum of user %d", index).isEqualTo(model.balance(index));
                assertThat(credits).isEqualTo(model.earned(index));
                assertThat(debits).isEqualTo(model.spent(index));
            }
            assertThat(ledger.reconcileAll()).isEmpty();
        }
    }

    private static Object call(Operation operation, TokenLedger ledger, Model model, List<UUID> users, UUID admin, UUID tokenPackage,
                               List<String> codes, MutableClock clock) {
        if (operation instanceof Purchase purchase) {
            return ledger.purchase(users.get(purchase.user()), tokenPackage, "pay-" + purchase.reference());
        }
        if (operation instanceof Redeem redeem) {
            return ledger.redeem(users.get(redeem.user()), codes.get(redeem.code()), "redeem-" + redeem.key());
        }
        if (operation instanceof Charge charge) {
            return ledger.chargeAiUsage(users.get(charge.user()), charge.tokens(), REQUEST_IDS.get(charge.request()));
        }
        if (operation instanceof Refund refund) {
            return ledger.refund(model.chargeId(refund.charge()), refund.tokens(), "refund-" + refund.key());
        }
        if (operation instanceof SignupBonus bonus) {
            return ledger.grantSignupBonus(users.get(bonus.user()));
        }
        if (operation instanceof ReferralBonus bonus) {
            return ledger.grantReferralBonus(users.get(bonus.referrer()), users.get(bonus.referee()));
        }
        if (operation instanceof Adjust adjust) {
            return ledger.adjust(admin, users.get(adjust.user()), adjust.amount(), "model check", "adjust-" + adjust.key());
        }
        clock.advance(Duration.ofDays(((Expire) operation).days()));
        return ledger.expire();
    }

    private static Object run(Supplier<Object> call) {
        try {
            return call.get();
        } catch (DealsRefusal refusal) {
            return refusal;
        }
    }

    // ------------------------------------------------------------------------------------------------- the model

    /** What a call must return: an entry of this amount and balance after, a replay of an earlier entry, or a refusal. */
    record Prediction(Class<? extends DealsRefusal> refusal, Integer amount, Integer balanceAfter, boolean replayed, Object replayOf) {

        static Prediction refused(Class<? extends DealsRefusal> type) {
            return new Prediction(type, null, null, false, null);
        }

        static Prediction applied(int amount, int balanceAfter) {
            return new Prediction(null, amount, balanceAfter, false, null);
        }

        static Prediction replay(Object original) {
            return new Prediction(null, null, null, true, original);
        }

        static Prediction anything() {
            return new Prediction(null, null, null, false, null);
        }

        void check(Object outcome, String at) {
            if (refusal != null) {
                assertThat(outcome).as(at).isInstanceOf(refusal);
                return;
            }
            assertThat(outcome).as(at).isNotInstanceOf(DealsRefusal.class);
            if (outcome instanceof LedgerEntry entry) {
                assertThat(entry.replayed()).as("replayed, " + at).isEqualTo(replayed);
                if (replayOf instanceof LedgerEntry original) {
                    assertThat(entry.id()).as(at).isEqualTo(original.id());
                    assertThat(entry.amount()).as(at).isEqualTo(original.amount());
                }
                if (amount != null) {
                    assertThat(entry.amount()).as("amount, " + at).isEqualTo(amount);
                    assertThat(entry.balanceAfter()).as("balance after, " + at).isEqualTo(balanceAfter);
                }
            }
            if (outcome instanceof org.agenticdeals.ledger.ReferralBonus bonus) {
                assertThat(bonus.referrer().replayed()).as(at).isEqualTo(replayed);
                assertThat(bonus.referee().replayed()).as(at).isEqualTo(replayed);
            }
        }
    }

    /** One ledger row as the model keeps it: enough for FIFO replay. */
    private record Row(int id, int amount, boolean expiration, Map<Integer, Integer> expired) {
    }

    /** A promotional credit and when it lapses. */
    private record Credit(int user, int row, Instant expiresAt) {
    }

    /** The first use of an idempotency key: who, what kind, how much, and the entry it returned. */
    private record Key(int user, String type, int amount, Object entry) {
    }

    /** Balances, ledgers, keys, codes and credits, as the documentation describes them (docs/ledger.md). */
    private static final class Model {

        private final List<UUID> users;
        private final MutableClock clock;
        private final int[] balance = new int[USERS];
        private final int[] earned = new int[USERS];
        private final int[] spent = new int[USERS];
        private final List<List<Row>> ledgers = new ArrayList<>();
        private final Map<String, Key> keys = new HashMap<>();
        private final int[] redemptions = new int[2];
        private final Set<String> redeemed = new HashSet<>();
        private final List<Credit> openCredits = new ArrayList<>();
        /** Successful charges: the entry, its user and what is left to refund. */
        private final List<LedgerEntry> charges = new ArrayList<>();
        private final Map<UUID, Integer> refundable = new HashMap<>();
        private final Instant secondCodeExpiry;
        private int rows;

        Model(List<UUID> users, MutableClock clock) {
            this.users = users;
            this.clock = clock;
            this.secondCodeExpiry = clock.instant().plus(Duration.ofDays(2));
            for (int index = 0; index < USERS; index++) {
                ledgers.add(new ArrayList<>());
            }
        }

        int balance(int user) {
            return balance[user];
        }

        int earned(int user) {
            return earned[user];
        }

        int spent(int user) {
            return spent[user];
        }

        UUID chargeId(int index) {
            return charges.isEmpty() ? UUID.fromString("00000000-0000-4000-8000-0000000000ff") : charges.get(index % charges.size()).id();
        }

        Prediction predict(Operation operation, List<String> codes) {
            if (operation instanceof Purchase purchase) {
                return keyed("purchase:pay-" + purchase.reference(), purchase.user(), "purchase", PACKAGE_TOKENS,
                        () -> Prediction.applied(PACKAGE_TOKENS, balance[purchase.user()] + PACKAGE_TOKENS));
            }
            if (operation instanceof Redeem redeem) {
                Key existing = keys.get("redeem:redeem-" + redeem.key());
                if (existing != null) {
                    return existing.user() == redeem.user() && existing.type().equals("redeem") ? Prediction.replay(existing.entry())
                            : Prediction.refused(ConflictException.class);
                }
                boolean expired = redeem.code() == 1 && !secondCodeExpiry.isAfter(clock.instant());
                boolean exhausted = redemptions[redeem.code()] >= (redeem.code() == 0 ? 2 : 1);
                if (expired || exhausted || redeemed.contains(redeem.user() + ":" + redeem.code())) {
                    return Prediction.refused(RedemptionRefusedException.class);
                }
                int tokens = redeem.code() == 0 ? 20 : 35;
                return Prediction.applied(tokens, balance[redeem.user()] + tokens);
            }
            if (operation instanceof Charge charge) {
                return keyed("ai_usage:" + REQUEST_IDS.get(charge.request()), charge.user(), "ai_usage", -charge.tokens(),
                        () -> balance[charge.user()] < charge.tokens() ? Prediction.refused(InsufficientTokensException.class)
                                : Prediction.applied(-charge.tokens(), balance[charge.user()] - charge.tokens()));
            }
            if (operation instanceof Refund refund) {
                if (charges.isEmpty()) {
                    return Prediction.refused(NotFoundException.class);
                }
                LedgerEntry original = charges.get(refund.charge() % charges.size());
                int user = users.indexOf(original.userId());
                return keyed("refund:refund-" + refund.key(), user, "refund", refund.tokens(),
                        () -> refund.tokens() > refundable.get(original.id()) ? Prediction.refused(RefundRefusedException.class)
                                : Prediction.applied(refund.tokens(), balance[user] + refund.tokens()));
            }
            if (operation instanceof SignupBonus bonus) {
                return keyed("signup_bonus:" + users.get(bonus.user()), bonus.user(), "signup", SIGNUP,
                        () -> Prediction.applied(SIGNUP, balance[bonus.user()] + SIGNUP));
            }
            if (operation instanceof ReferralBonus bonus) {
                if (bonus.referrer() == bonus.referee()) {
                    return Prediction.refused(ValidationException.class);
                }
                return keys.containsKey(referralKey(bonus)) ? Prediction.replay(null) : Prediction.anything();
            }
            if (operation instanceof Adjust adjust) {
                return keyed("adjust:adjust-" + adjust.key(), adjust.user(), "adjust", adjust.amount(),
                        () -> balance[adjust.user()] + adjust.amount() < 0 ? Prediction.refused(InsufficientTokensException.class)
                                : Prediction.applied(adjust.amount(), balance[adjust.user()] + adjust.amount()));
            }
            return Prediction.anything();
        }

        /** A keyed movement: a repeat of the key by the same user for the same kind and amount replays; any other use conflicts. */
        private Prediction keyed(String key, int user, String type, int amount, Supplier<Prediction> fresh) {
            Key existing = keys.get(key);
            if (existing == null) {
                return fresh.get();
            }
            return existing.user() == user && existing.type().equals(type) && existing.amount() == amount ? Prediction.replay(existing.entry())
                    : Prediction.refused(ConflictException.class);
        }

        void apply(Operation operation, Object outcome, Prediction predicted) {
            if (operation instanceof Expire) {
                expire();
                return;
            }
            if (predicted.refusal() != null || predicted.replayed()) {
                return;
            }
            if (operation instanceof Purchase purchase) {
                move(purchase.user(), PACKAGE_TOKENS, "purchase:pay-" + purchase.reference(), "purchase", outcome, false);
            } else if (operation instanceof Redeem redeem) {
                int tokens = redeem.code() == 0 ? 20 : 35;
                redemptions[redeem.code()]++;
                redeemed.add(redeem.user() + ":" + redeem.code());
                move(redeem.user(), tokens, "redeem:redeem-" + redeem.key(), "redeem", outcome, true);
            } else if (operation instanceof Charge charge) {
                move(charge.user(), -charge.tokens(), "ai_usage:" + REQUEST_IDS.get(charge.request()), "ai_usage", outcome, false);
                charges.add((LedgerEntry) outcome);
                refundable.put(((LedgerEntry) outcome).id(), charge.tokens());
            } else if (operation instanceof Refund refund) {
                LedgerEntry original = charges.get(refund.charge() % charges.size());
                refundable.merge(original.id(), -refund.tokens(), Integer::sum);
                move(users.indexOf(original.userId()), refund.tokens(), "refund:refund-" + refund.key(), "refund", outcome, false);
            } else if (operation instanceof SignupBonus bonus) {
                move(bonus.user(), SIGNUP, "signup_bonus:" + users.get(bonus.user()), "signup", outcome, true);
            } else if (operation instanceof ReferralBonus bonus) {
                var result = (org.agenticdeals.ledger.ReferralBonus) outcome;
                move(bonus.referrer(), REFERRAL, referralKey(bonus) + ":referrer", "referral", result.referrer(), true);
                move(bonus.referee(), REFERRAL, referralKey(bonus) + ":referee", "referral", result.referee(), true);
                keys.put(referralKey(bonus), new Key(bonus.referrer(), "referral", REFERRAL, result));
            } else if (operation instanceof Adjust adjust) {
                move(adjust.user(), adjust.amount(), "adjust:adjust-" + adjust.key(), "adjust", outcome, false);
            }
        }

        private String referralKey(ReferralBonus bonus) {
            return "referral_bonus:" + users.get(bonus.referrer()) + ":" + users.get(bonus.referee());
        }

        private void move(int user, int amount, String key, String type, Object entry, boolean promotional) {
            int row = ++rows;
            ledgers.get(user).add(new Row(row, amount, false, null));
            balance[user] += amount;
            if (amount > 0) {
                earned[user] += amount;
            } else {
                spent[user] -= amount;
            }
            keys.put(key, new Key(user, type, amount, entry));
            if (promotional) {
                openCredits.add(new Credit(user, row, clock.instant().plus(LIFETIME)));
            }
        }

        /** What the expiry job does at the clock's time (moved by the step): per user, FIFO replay, one expiration of what is left. */
        private void expire() {
            Instant now = clock.instant();
            for (int user = 0; user < USERS; user++) {
                final int owner = user;
                List<Credit> due = openCredits.stream().filter(credit -> credit.user() == owner && !credit.expiresAt().isAfter(now)).toList();
                if (due.isEmpty()) {
                    continue;
                }
                Map<Integer, Integer> remaining = remaining(ledgers.get(user));
                var taken = new LinkedHashMap<Integer, Integer>();
                int total = 0;
                for (Credit credit : due) {
                    int left = Math.min(remaining.getOrDefault(credit.row(), 0), Math.max(0, balance[user] - total));
                    taken.put(credit.row(), left);
                    total += left;
                }
                if (total > 0) {
                    ledgers.get(user).add(new Row(++rows, -total, true, taken));
                    balance[user] -= total;
                    spent[user] += total;
                }
                openCredits.removeAll(due);
            }
        }

        /** The unspent part of each credit: credits queue up, debits take the oldest first, expirations what they name. */
        private static Map<Integer, Integer> remaining(List<Row> ledger) {
            var remaining = new LinkedHashMap<Integer, Integer>();
            Deque<Integer> oldestFirst = new ArrayDeque<>();
            for (Row row : ledger) {
                if (row.amount() > 0) {
                    remaining.put(row.id(), row.amount());
                    oldestFirst.addLast(row.id());
                } else if (row.expiration()) {
                    row.expired().forEach((credit, amount) -> remaining.computeIfPresent(credit, (id, left) -> Math.max(0, left - amount)));
                    oldestFirst.removeIf(credit -> remaining.get(credit) == 0);
                } else {
                    int toTake = -row.amount();
                    while (toTake > 0 && !oldestFirst.isEmpty()) {
                        int oldest = oldestFirst.peekFirst();
                        int taken = Math.min(remaining.get(oldest), toTake);
                        remaining.put(oldest, remaining.get(oldest) - taken);
                        toTake -= taken;
                        if (remaining.get(oldest) == 0) {
                            oldestFirst.removeFirst();
                        }
                    }
                }
            }
            return remaining;
        }
    }
}
