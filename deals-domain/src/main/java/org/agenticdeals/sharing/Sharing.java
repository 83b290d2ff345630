package org.agenticdeals.sharing;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.EmailAddresses;
import org.agenticdeals.internal.InteractionLog;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.jooq.enums.InteractionType;
import org.agenticdeals.jooq.tables.records.SharedDealsRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sharing deals: by e-mail, as a link or to a social platform, each share with a public link that anonymous visitors
 * {@linkplain #resolve(String) resolve}. Obtain it from {@code Deals.sharing()}.
 *
 * <p>A share belongs to its user: row-level security lets nobody else list, read or deactivate it. Resolving a link
 * needs no user; it goes through one database function that counts the click, records it and reads nothing else.
 * Link ids are 192 random bits from {@code SecureRandom} (see docs/sharing.md).
 */
public final class Sharing {

    /** The most distinct recipients one e-mail share may have. */
    public static final int MAX_RECIPIENTS = 20;
    /** The longest message a share may carry. */
    public static final int MAX_MESSAGE = 500;
    /** The longest platform name. */
    public static final int MAX_PLATFORM = 50;

    private static final Logger log = LoggerFactory.getLogger(Sharing.class);
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Map<String, String> REFUSALS = Map.of(
            "unknown", "no share has this link",
            "deactivated", "its share was deactivated",
            "expired", "its share has expired",
            "deal_unavailable", "its deal is removed or expired");

    private final ServiceContext context;
    private final ShareQueries queries;

    /**
     * For {@code Deals}; hosts call {@code deals.sharing()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Sharing(ServiceContext context) {
        this.context = context;
        this.queries = new ShareQueries(context.config().schema());
    }

    /**
     * Shares an active deal and records a {@code share} interaction, in one transaction.
     *
     * @param userId who shares
     * @param share the deal, the channel, an optional message and expiry
     * @return the share with its public link id
     * @throws ValidationException naming the field: no recipients, an invalid address ({@code channel.recipients[2]}),
     *                             more than {@link #MAX_RECIPIENTS} distinct ones, a platform name that is not one, a
     *                             message too long or with control characters, an expiry not in the future
     * @throws NotFoundException   if there is no such active deal
     */
    public Share share(UUID userId, NewShare share) {
        Checks.required("userId", userId);
        Checks.required("share", share);
        UUID dealId = Checks.required("share.dealId", share.dealId());
        ShareChannel channel = validChannel(Checks.required("share.channel", share.channel()));
        String message = Checks.optionalText("share.message", share.message(), MAX_MESSAGE);
        // Microseconds, as PostgreSQL stores them: the share returned is the share stored.
        OffsetDateTime now = context.now().truncatedTo(ChronoUnit.MICROS);
        Checks.instant("share.expiresAt", share.expiresAt());
        if (share.expiresAt() != null && !share.expiresAt().isAfter(now.toInstant())) {
            throw new ValidationException("share.expiresAt", "must be in the future, was " + share.expiresAt());
        }
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            String title = ShareQueries.shareableTitle(tx, dealId, now).orElseThrow(() -> new NotFoundException("active deal", dealId));
            var record = new SharedDealsRecord();
            record.setId(context.newId());
            record.setUserId(userId);
            record.setDealId(dealId);
            record.setShareType(ShareQueries.typeOf(channel));
            record.setRecipients(channel instanceof ShareChannel.Email email ? Json.stringArray(email.recipients()) : null);
            record.setPlatform(channel instanceof ShareChannel.Social social ? social.platform() : null);
            record.setMessage(message);
            record.setPublicLinkId(ShareLinks.next());
            record.setCreatedAt(now);
            record.setExpiresAt(share.expiresAt() == null ? null
                    : OffsetDateTime.ofInstant(share.expiresAt(), now.getOffset()).truncatedTo(ChronoUnit.MICROS));
            record.setIsActive(true);
            record.setClickCount(0);
            ShareQueries.insert(tx, record);
            InteractionLog.record(tx, context.newId(), userId, dealId, InteractionType.SHARE, record.getId(),
                    Json.object("channel", record.getShareType().getLiteral()), now);
            return ShareQueries.toShare(record, title);
        });
    }

    /**
     * The user's share with its click count, if it is theirs.
     *
     * @param userId the share's owner
     * @param shareId the share
     * @return the share, or empty if there is none or it is another user's
     */
    public Optional<Share> find(UUID userId, UUID shareId) {
        Checks.required("userId", userId);
        Checks.required("shareId", shareId);
        return context.transactions().run(SecurityContext.user(userId), tx -> ShareQueries.find(tx, userId, shareId));
    }

    /**
     * Deactivates the user's share: its link stops resolving. Deactivating it again changes nothing.
     *
     * @param userId the share's owner
     * @param shareId the share
     * @return the share, inactive
     * @throws NotFoundException if the user has no such share (another user's share is not found either)
     */
    public Share deactivate(UUID userId, UUID shareId) {
        Checks.required("userId", userId);
        Checks.required("shareId", shareId);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            if (!ShareQueries.deactivate(tx, userId, shareId)) {
                throw new NotFoundException("share", shareId);
            }
            return ShareQueries.find(tx, userId, shareId).orElseThrow();
        });
    }

    /**
     * The user's shares with their click counts, newest first, one keyset page at a time.
     *
     * @param userId the shares' owner
     * @param page which page
     * @return one page of shares
     */
    public Page<Share> list(UUID userId, PageRequest page) {
        Checks.required("userId", userId);
        Checks.required("page", page);
        Cursors.Position after = page.cursor() == null ? null : Cursors.decode("page.cursor", page.cursor());
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            List<Share> rows = ShareQueries.list(tx, userId, after == null ? null : after.time(), after == null ? null : after.id(),
                    page.size() + 1);
            List<Share> items = rows.stream().limit(page.size()).toList();
            Share last = items.isEmpty() ? null : items.get(items.size() - 1);
            return new Page<>(items, rows.size() > page.size() ? Cursors.encode(last.createdAt(), last.id()) : null);
        });
    }

    /**
     * Follows a public link for an anonymous visitor: {@link #resolve(String, UUID)} without a visitor.
     *
     * @param publicLinkId the link's id
     * @return the shared deal
     */
    public DealView resolve(String publicLinkId) {
        return resolve(publicLinkId, null);
    }

    /**
     * Follows a public link: if its share is active and unexpired and its deal active and unexpired, counts the click
     * (exactly, however many visitors click at once), records a {@code click} interaction (the visitor's if
     * {@code visitorId} is given, else anonymous) and returns the deal. One transaction, one round trip.
     *
     * @param publicLinkId the link's id
     * @param visitorId the signed-in visitor, or null
     * @return the shared deal
     * @throws ShareLinkUnavailableException alike for a malformed or unknown link, a deactivated or expired share
     *                                       and a removed or expired deal, so visitors cannot tell which links exist;
     *                                       the log says which (DEBUG for links that name no share, INFO otherwise)
     * @throws ValidationException           if {@code publicLinkId} is null
     */
    public DealView resolve(String publicLinkId, UUID visitorId) {
        Checks.required("publicLinkId", publicLinkId);
        if (!ShareLinks.wellFormed(publicLinkId)) {
            log.debug("share link refused: malformed ({} characters)", publicLinkId.length());
            throw new ShareLinkUnavailableException();
        }
        ShareQueries.Resolution resolution = context.transactions().runFused(SecurityContext.anonymous(),
                (tx, contextStatement) -> queries.resolve(tx, contextStatement, publicLinkId, visitorId, context.now()));
        if (resolution.deal() != null) {
            return resolution.deal();
        }
        if (resolution.shareId() == null) {
            log.debug("share link refused: {} (link {}…)", REFUSALS.get(resolution.outcome()), publicLinkId.substring(0, 6));
        } else {
            log.info("share link refused: {} (share {})", REFUSALS.get(resolution.outcome()), resolution.shareId());
        }
        throw new ShareLinkUnavailableException();
    }

    private static ShareChannel validChannel(ShareChannel channel) {
        if (channel instanceof ShareChannel.Email email) {
            return new ShareChannel.Email(validRecipients(email.recipients()));
        }
        if (channel instanceof ShareChannel.Social social) {
            String platform = Checks.text("share.channel.platform", social.platform(), MAX_PLATFORM).toLowerCase(Locale.ROOT);
            if (!PLATFORM.matcher(platform).matches()) {
                throw new ValidationException("share.channel.platform",
                        "must be a name of letters, digits, '.', '_' and '-', starting with a letter or digit, was '" + Checks.shown(platform) + "'");
            }
            return new ShareChannel.Social(platform);
        }
        return channel;
    }

    private static List<String> validRecipients(List<String> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            throw new ValidationException("share.channel.recipients", "must name at least one address");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int index = 0; index < recipients.size(); index++) {
            distinct.add(EmailAddresses.normalize("share.channel.recipients[" + index + "]", recipients.get(index)));
            if (distinct.size() > MAX_RECIPIENTS) {
                throw new ValidationException("share.channel.recipients", "must name at most " + MAX_RECIPIENTS + " distinct addresses");
            }
        }
        return new ArrayList<>(distinct);
    }
}
