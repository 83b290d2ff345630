package org.agenticdeals.schema;

import java.util.List;

/**
 * What a {@link DealsSchema#migrate()} call did.
 *
 * @param schema          the PostgreSQL schema migrated
 * @param schemaVersion   the version the schema is at afterwards
 * @param appliedVersions the versions this call applied, oldest first; empty when it was a no-op
 */
public record MigrationResult(String schema, String schemaVersion, List<String> appliedVersions) {

    /**
     * Copies the applied versions.
     *
     * @param schema the PostgreSQL schema migrated
     * @param schemaVersion the version it is at afterwards
     * @param appliedVersions the versions this call applied, oldest first
     */
    public MigrationResult {
        appliedVersions = List.copyOf(appliedVersions);
    }

    /** {@return whether this call applied at least one migration} */
    public boolean changed() {
        return !appliedVersions.isEmpty();
    }
}
