package org.agenticdeals.hostile;

import org.agenticdeals.DealsRefusal;
import org.agenticdeals.ValidationException;

/** What one hostile call must lead to. */
sealed interface Expected {

    /** The call succeeds: the value is legal (an RTL mark in a title, a quote in a note) or ignored. */
    record Accepted() implements Expected {
        @Override
        public String toString() {
            return "accepted";
        }
    }

    /** The call succeeds and returns nothing: an empty optional, list or page, false or 0. */
    record Empty() implements Expected {
        @Override
        public String toString() {
            return "empty";
        }
    }

    /** The call throws this refusal and writes nothing; a {@link ValidationException} names the field. */
    record Refused(Class<? extends DealsRefusal> type) implements Expected {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    /** An ingestion succeeds but refuses the item, naming the field, and writes nothing. */
    record ItemRefused() implements Expected {
        @Override
        public String toString() {
            return "item refused";
        }
    }

    Expected ACCEPTED = new Accepted();
    Expected EMPTY = new Empty();
    Expected INVALID = new Refused(ValidationException.class);
    Expected NOT_FOUND = new Refused(org.agenticdeals.NotFoundException.class);
    Expected DENIED = new Refused(org.agenticdeals.PermissionDeniedException.class);
    Expected ITEM_REFUSED = new ItemRefused();

    static Expected refused(Class<? extends DealsRefusal> type) {
        return new Refused(type);
    }
}
