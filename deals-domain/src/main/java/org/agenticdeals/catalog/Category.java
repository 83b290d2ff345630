package org.agenticdeals.catalog;

import java.util.UUID;

/** A node of the category tree; {@code parentId} is null for a root. */
public record Category(UUID id, String name, UUID parentId, boolean active) {
}
