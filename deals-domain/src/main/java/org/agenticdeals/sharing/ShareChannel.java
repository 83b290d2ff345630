package org.agenticdeals.sharing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a deal is shared. Every share, whatever its channel, gets a public link: the e-mail or the post carries it.
 */
public sealed interface ShareChannel {

    /**
     * By e-mail to {@code recipients}: each must be a valid address; they are stored lower-cased, in the order
     * given, each once, at most {@link Sharing#MAX_RECIPIENTS} of them. Sending the e-mail is the host's part.
     */
    record Email(List<String> recipients) implements ShareChannel {
        /**
         * Copies the recipients, keeping a null element for validation to name.
         *
         * @param recipients the addresses
         */
        public Email {
            // Not List.copyOf: a null element must reach validation, which names it.
            recipients = recipients == null ? null : Collections.unmodifiableList(new ArrayList<>(recipients));
        }
    }

    /** As a link the user copies. */
    record Link() implements ShareChannel {
    }

    /**
     * To a social platform, recorded by name ({@code "mastodon"}, {@code "x"}): lower-cased letters, digits,
     * {@code .}, {@code _} and {@code -}, at most {@link Sharing#MAX_PLATFORM} characters.
     */
    record Social(String platform) implements ShareChannel {
    }
}
