package vn.movepass.shared.health;

import vn.movepass.shared.domain.Purpose;

/** What the checkpoint page advises the officer to do. {@code verdict} still speaks of the pass alone. */
public enum Advice {
    ALLOW, CHECK, TURN_BACK;

    /** TURN_BACK when RED (CHECK instead for a MEDICAL trip), CHECK when AMBER, ALLOW when GREEN. */
    public static Advice of(Colour colour, Purpose purpose) {
        return switch (colour) {
            case RED -> purpose == Purpose.MEDICAL ? CHECK : TURN_BACK;
            case AMBER -> CHECK;
            case GREEN -> ALLOW;
        };
    }
}
