package org.agenticdeals.preferences;

import java.util.Locale;

/** The themes a user can pick; stored in lower case. */
public enum Theme {
    /** Light colours; the default. */
    LIGHT,
    /** Dark colours. */
    DARK,
    /** Whatever the user's device uses. */
    SYSTEM;

    String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Theme fromStored(String value) {
        return value == null ? LIGHT : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
