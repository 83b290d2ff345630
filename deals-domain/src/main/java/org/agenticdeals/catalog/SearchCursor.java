package org.agenticdeals.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.agenticdeals.ValidationException;

/** The keyset position after a search page: the sort it belongs to and the sort key of the page's last row. */
record SearchCursor(DealQuery.Sort sort, List<String> values) {

    String encode() {
        String plain = "s1|" + sort.name() + "|" + String.join("|", values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static SearchCursor decode(String cursor, DealQuery.Sort expected) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length < 3 || !parts[0].equals("s1")) {
                throw new IllegalArgumentException();
            }
            DealQuery.Sort sort = DealQuery.Sort.valueOf(parts[1]);
            if (sort != expected) {
                throw new ValidationException("page.cursor", "belongs to a search sorted by " + sort + ", not " + expected);
            }
            return new SearchCursor(sort, List.of(parts).subList(2, parts.length));
        } catch (IllegalArgumentException malformed) {
            throw new ValidationException("page.cursor", "is not a cursor this library issued");
        }
    }
}
