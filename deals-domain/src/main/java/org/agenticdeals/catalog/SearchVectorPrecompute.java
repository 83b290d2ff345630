package org.agenticdeals.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.sql.DataSource;
import org.agenticdeals.internal.HelperThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the search vectors of an ingestion batch's last chunks on a second connection while the ingesting
 * transaction writes its first chunks (decisions.md D53).
 *
 * <p>A search vector is a pure function of a deal's title and description ({@code deal_search_vector}), and
 * computing it is about a third of what writing a deal costs the server. The ingesting transaction writes the
 * batch chunk by chunk from the front; this helper takes chunks from the back, each one's vectors in one
 * statement on a connection of its own, outside the transaction. Each chunk is claimed by exactly one side: the
 * transaction computes the vectors of a chunk the helper has not started itself (as it would without a helper),
 * and waits only for a chunk the helper is computing. So the two meet in the middle, and a helper that gets no
 * connection (a pool of one, an exhausted pool) or fails costs the batch nothing but its own attempt: the
 * transaction never waits for a connection on the helper's behalf.
 */
final class SearchVectorPrecompute {

    private static final Logger LOG = LoggerFactory.getLogger(SearchVectorPrecompute.class);

    private static final int UNCLAIMED = 0;
    private static final int BY_HELPER = 1;
    private static final int INLINE = 2;

    private final List<List<CatalogQueries.Staged>> chunks;
    private final AtomicIntegerArray claims;
    private final CompletableFuture<String[]>[] vectors;

    @SuppressWarnings("unchecked")
    private SearchVectorPrecompute(List<List<CatalogQueries.Staged>> chunks) {
        this.chunks = chunks;
        this.claims = new AtomicIntegerArray(chunks.size());
        this.vectors = new CompletableFuture[chunks.size()];
        for (int chunk = 0; chunk < vectors.length; chunk++) {
            vectors[chunk] = new CompletableFuture<>();
        }
    }

    /** Starts the helper over {@code chunks}; it computes with {@code sql} (one {@code text[]} pair in, vectors out). */
    static SearchVectorPrecompute start(DataSource dataSource, String sql, Duration statementTimeout, List<List<CatalogQueries.Staged>> chunks) {
        var precompute = new SearchVectorPrecompute(chunks);
        if (!HelperThreads.start(() -> precompute.help(dataSource, sql, statementTimeout))) {
            LOG.debug("no thread for the search vector helper: the transaction computes every vector itself");
        }
        return precompute;
    }

    /**
     * The vectors of {@code chunk}'s items as text, in the chunk's order, or null if the caller is to compute them
     * itself. Waits only while the helper is computing that very chunk.
     */
    String[] take(int chunk) {
        if (claims.compareAndSet(chunk, UNCLAIMED, INLINE) || claims.get(chunk) == INLINE) {
            return null;
        }
        try {
            return vectors[chunk].get();
        } catch (ExecutionException failed) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for search vectors", interrupted);
        }
    }

    private void help(DataSource dataSource, String sql, Duration statementTimeout) {
        int next = chunks.size() - 1;
        if (!claimable(next)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement timeout = connection.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                    timeout.setString(1, statementTimeout.toMillis() + "ms");
                    timeout.execute();
                }
                for (int chunk = next; chunk >= 0 && claims.compareAndSet(chunk, UNCLAIMED, BY_HELPER); chunk--) {
                    try {
                        vectors[chunk].complete(compute(connection, sql, chunks.get(chunk)));
                    } catch (Throwable failed) {
                        // Whatever happens, the transaction must not wait for this chunk forever.
                        vectors[chunk].completeExceptionally(failed);
                        throw failed;
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException failed) {
            // The ingesting transaction computes whatever the helper did not; nothing is lost but the head start.
            LOG.debug("search vector helper stopped: {}", failed.toString());
        }
    }

    private boolean claimable(int chunk) {
        return chunk >= 0 && claims.get(chunk) == UNCLAIMED;
    }

    private static String[] compute(Connection connection, String sql, List<CatalogQueries.Staged> chunk) throws SQLException {
        Object[] titles = new Object[chunk.size()];
        Object[] descriptions = new Object[chunk.size()];
        for (int index = 0; index < chunk.size(); index++) {
            titles[index] = chunk.get(index).input().title();
            descriptions[index] = chunk.get(index).input().description();
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", titles));
            statement.setArray(2, connection.createArrayOf("text", descriptions));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return (String[]) rows.getArray(1).getArray();
            }
        }
    }
}
