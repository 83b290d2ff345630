package org.agenticdeals.goals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Goal matching done the slow, obvious way in Java, over the same data: every goal against every deal, each
 * criterion checked on its own, scored with {@link Relevance}. Keywords are compared as whole lower-case words,
 * which is what full-text search does for the vocabulary the tests use (words that are their own stems' only
 * source, none a stop word).
 */
final class BruteForce {

    /** A deal as matching sees it. */
    record Deal(UUID id, String title, String description, BigDecimal currentPrice, BigDecimal discount, UUID marketId, UUID categoryId,
                BigDecimal reliability, boolean active, Instant expiresAt) {
    }

    /** A match: a deal and its relevance. */
    record Match(UUID dealId, BigDecimal relevance) {
    }

    private BruteForce() {
    }

    /** The deals {@code goal} matches among {@code deals}, scored; not capped. */
    static List<Match> matches(Goal goal, List<Deal> deals, Map<UUID, UUID> parents, Instant now) {
        GoalParameters parameters = goal.parameters();
        var found = new ArrayList<Match>();
        for (Deal deal : deals) {
            if (!deal.active() || deal.expiresAt() != null && !deal.expiresAt().isAfter(now)) {
                continue;
            }
            Set<String> title = words(deal.title());
            Set<String> all = new HashSet<>(title);
            all.addAll(words(deal.description()));
            if (!parameters.keywords().stream().allMatch(keyword -> all.containsAll(words(keyword)))) {
                continue;
            }
            if (!parameters.anyKeywords().isEmpty() && parameters.anyKeywords().stream().noneMatch(keyword -> all.containsAll(words(keyword)))) {
                continue;
            }
            if (parameters.excludedKeywords().stream().anyMatch(keyword -> all.containsAll(words(keyword)))) {
                continue;
            }
            if (!parameters.categories().isEmpty() && !inSubtree(deal.categoryId(), Set.copyOf(parameters.categories()), parents)) {
                continue;
            }
            if (!parameters.markets().isEmpty() && !parameters.markets().contains(deal.marketId())) {
                continue;
            }
            if (parameters.maxPrice() != null && deal.currentPrice().compareTo(parameters.maxPrice()) > 0) {
                continue;
            }
            if (parameters.minDiscount() != null && deal.discount().compareTo(parameters.minDiscount()) < 0) {
                continue;
            }
            if (parameters.minSourceReliability() != null && deal.reliability().compareTo(parameters.minSourceReliability()) < 0) {
                continue;
            }
            List<String> keywords = new ArrayList<>(parameters.keywords());
            keywords.addAll(parameters.anyKeywords());
            int titleHits = 0;
            int descriptionHits = 0;
            for (String keyword : keywords) {
                if (title.containsAll(words(keyword))) {
                    titleHits++;
                } else if (all.containsAll(words(keyword))) {
                    descriptionHits++;
                }
            }
            found.add(new Match(deal.id(), Relevance.score(deal.currentPrice(), parameters.maxPrice(), deal.discount(), keywords.size(), titleHits,
                    descriptionHits, deal.reliability())));
        }
        return found;
    }

    /** The best {@code cap} of {@code matches}, as matching ranks them: relevance, then deal id (as PostgreSQL orders uuids). */
    static Map<UUID, BigDecimal> best(List<Match> matches, int cap) {
        return matches.stream()
                .sorted(Comparator.comparing(Match::relevance).reversed().thenComparing(match -> match.dealId().toString()))
                .limit(cap)
                .collect(Collectors.toMap(Match::dealId, Match::relevance, (one, other) -> one, LinkedHashMap::new));
    }

    static Set<String> words(String text) {
        return text == null ? Set.of()
                : Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z]+")).filter(word -> !word.isEmpty()).collect(Collectors.toSet());
    }

    private static boolean inSubtree(UUID category, Set<UUID> roots, Map<UUID, UUID> parents) {
        for (UUID current = category; current != null; current = parents.get(current)) {
            if (roots.contains(current)) {
                return true;
            }
        }
        return false;
    }
}
