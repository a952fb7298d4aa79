package vn.movepass.shared.id;

import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;

/**
 * The one check of a client's id before it reaches a key: too long, wrong alphabet, control characters or other
 * planes never reach DynamoDB (whose 2 KiB key limit answered 500). A malformed capability is 404, as an unknown one;
 * any other malformed id is 400 with the parameter named.
 */
public final class Ids {
    private Ids() {
    }

    public static String require(IdKind kind, String parameter, String value) {
        if (kind.accepts(value)) {
            return value;
        }
        if (kind.capability()) {
            throw new NotFoundException("no such " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw InvalidInputException.of(parameter, "MALFORMED_ID", "is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + " id");
    }
}
