package org.agenticdeals.goals;

/**
 * What one matching run did.
 *
 * @param goalsMatched     active goals that gained or kept a match in the run
 * @param matchesAdded     matches made (new, or made again after they had lapsed)
 * @param matchesUpdated   matches that held and had their relevance recomputed
 * @param matchesRetired   matches the run ended: those whose deal no longer meets the goal (changed, removed,
 *                         expired) become inactive; those better matches pushed past the goal's maximum are deleted,
 *                         or become inactive if they were alerted (so that they are never alerted twice)
 * @param alertsCreated    deal-alert notifications, one per new match at or above its goal's alert threshold
 * @param matchesDigested  new alert-worthy matches over a goal's hourly alert limit, folded into a digest
 */
public record MatchRun(int goalsMatched, int matchesAdded, int matchesUpdated, int matchesRetired, int alertsCreated, int matchesDigested) {
}
