package org.agenticdeals.interactions;

import java.time.Instant;
import java.util.UUID;

/** A recorded interaction. */
public record Interaction(UUID id, UUID userId, UUID dealId, InteractionType type, Instant createdAt) {
}
