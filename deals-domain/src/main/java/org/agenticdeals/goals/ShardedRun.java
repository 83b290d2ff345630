package org.agenticdeals.goals;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.agenticdeals.internal.HelperThreads;

/**
 * A batch matching run split by goal into shards, each matched in a transaction of its own, on up to as many pooled
 * connections at once (decisions.md D56).
 *
 * <p>Goals fall into {@value #SLOTS} lock slots by their id; a shard is a set of slots, and its transaction holds
 * their advisory locks. The calling thread takes shards from the front; helper threads take them from the back, each
 * only once it holds a connection and its transaction has begun. So a helper that gets no connection costs the run
 * nothing but its attempt, and the caller waits only for shards a helper is matching.
 *
 * <p>A shard's transaction either commits or leaves nothing. When one fails, no further shard starts, the run waits
 * for the shards under way and throws the first failure; the shards that committed stay, and running the batch
 * again (matching is idempotent) completes it.
 */
final class ShardedRun {

    /** How many lock slots the goals fall into: the most shards a run can have. */
    static final int SLOTS = 16;

    private static final int UNCLAIMED = 0;
    private static final int CALLER = 1;

    private final int shards;
    private final Function<Supplier<int[]>, MatchRun> work;
    private final AtomicIntegerArray claims;
    private final CompletableFuture<MatchRun>[] runs;
    private volatile boolean failed;

    @SuppressWarnings("unchecked")
    private ShardedRun(int shards, Function<Supplier<int[]>, MatchRun> work) {
        this.shards = shards;
        this.work = work;
        this.claims = new AtomicIntegerArray(shards);
        this.runs = new CompletableFuture[shards];
        for (int shard = 0; shard < shards; shard++) {
            runs[shard] = new CompletableFuture<>();
        }
    }

    /** The lock slot of goal {@code goalId}: the low four bits of its id's last byte, as the matching statement computes it. */
    static int slot(UUID goalId) {
        return (int) (goalId.getLeastSignificantBits() & (SLOTS - 1));
    }

    /** Every slot: a run in one transaction. */
    static int[] allSlots() {
        return IntStream.range(0, SLOTS).toArray();
    }

    /**
     * Runs {@code work} once per shard of {@code shards}, on up to {@code shards} connections at once, and returns the
     * shards' runs added up. {@code work} begins a transaction, then asks its argument for the slots to match (in
     * ascending order; the same ones if the transaction is retried), and returns null without matching when it gets
     * none.
     */
    static MatchRun run(int shards, Function<Supplier<int[]>, MatchRun> work) {
        return new ShardedRun(shards, work).run();
    }

    private MatchRun run() {
        for (int helper = 1; helper < shards; helper++) {
            int owner = CALLER + helper;
            if (!HelperThreads.start(() -> help(owner))) {
                break;
            }
        }
        for (int shard = 0; shard < shards && !failed; shard++) {
            if (claims.compareAndSet(shard, UNCLAIMED, CALLER)) {
                int[] slots = slots(shard);
                complete(shard, () -> work.apply(() -> slots));
            }
        }
        return total();
    }

    /** A helper: from the back, each shard claimed inside a transaction of its own, until none is left. */
    private void help(int owner) {
        while (!failed) {
            var claim = new Claim(owner);
            MatchRun run;
            try {
                run = work.apply(claim);
            } catch (Throwable failure) {
                if (claim.shard < 0) {
                    // No connection, or none in time: nothing was claimed, and the caller matches every shard left.
                    return;
                }
                runs[claim.shard].completeExceptionally(failure);
                failed = true;
                return;
            }
            if (claim.shard < 0) {
                return;
            }
            runs[claim.shard].complete(run);
        }
    }

    private void complete(int shard, Supplier<MatchRun> match) {
        try {
            runs[shard].complete(match.get());
        } catch (Throwable failure) {
            runs[shard].completeExceptionally(failure);
            failed = true;
        }
    }

    private MatchRun total() {
        MatchRun total = new MatchRun(0, 0, 0, 0, 0, 0);
        RuntimeException failure = null;
        for (int shard = 0; shard < shards; shard++) {
            if (claims.get(shard) == UNCLAIMED) {
                continue;
            }
            try {
                MatchRun run = runs[shard].join();
                total = new MatchRun(total.goalsMatched() + run.goalsMatched(), total.matchesAdded() + run.matchesAdded(),
                        total.matchesUpdated() + run.matchesUpdated(), total.matchesRetired() + run.matchesRetired(),
                        total.alertsCreated() + run.alertsCreated(), total.matchesDigested() + run.matchesDigested());
            } catch (CompletionException shardFailed) {
                RuntimeException cause = shardFailed.getCause() instanceof RuntimeException runtime ? runtime : shardFailed;
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    private int[] slots(int shard) {
        return IntStream.range(0, SLOTS).filter(slot -> slot % shards == shard).toArray();
    }

    /** A helper's claim, made when its transaction asks for it and kept for that transaction's retries. */
    private final class Claim implements Supplier<int[]> {

        private final int owner;
        private int shard = -1;
        private boolean asked;

        Claim(int owner) {
            this.owner = owner;
        }

        @Override
        public int[] get() {
            if (!asked) {
                asked = true;
                for (int candidate = shards - 1; candidate >= 0 && !failed; candidate--) {
                    if (claims.compareAndSet(candidate, UNCLAIMED, owner)) {
                        shard = candidate;
                        break;
                    }
                }
            }
            return shard < 0 ? null : slots(shard);
        }
    }
}
