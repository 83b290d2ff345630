package org.agenticdeals.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareLinksTest {

    @Test
    void aHundredThousandLinksAreDistinctFixedLengthAndUrlSafe() {
        Set<String> links = new HashSet<>();
        int[] firstCharacters = new int[128];
        for (int index = 0; index < 100_000; index++) {
            String link = ShareLinks.next();
            assertThat(link).hasSize(32).matches("[A-Za-z0-9_-]{32}");
            assertThat(ShareLinks.wellFormed(link)).isTrue();
            links.add(link);
            firstCharacters[link.charAt(0)]++;
        }

        assertThat(links).hasSize(100_000);
        assertThat(Base64.getUrlDecoder().decode(links.iterator().next())).hasSize(24);
        // Every one of the 64 characters starts some link, about 1,562 times each: nothing fixed, no prefix from time.
        long used = java.util.stream.IntStream.of(firstCharacters).filter(count -> count > 1_200).count();
        assertThat(used).isEqualTo(64);
    }

    @Test
    void anythingElseIsNotWellFormed() {
        String link = ShareLinks.next();
        assertThat(ShareLinks.wellFormed(link.substring(1))).isFalse();
        assertThat(ShareLinks.wellFormed(link + "A")).isFalse();
        assertThat(ShareLinks.wellFormed("+" + link.substring(1))).isFalse();
        assertThat(ShareLinks.wellFormed(link.substring(1) + "=")).isFalse();
        assertThat(ShareLinks.wellFormed("' OR 1=1 --" + link.substring(11))).isFalse();
        assertThat(ShareLinks.wellFormed("é" + link.substring(1))).isFalse();
        assertThat(ShareLinks.wellFormed("")).isFalse();
    }
}
