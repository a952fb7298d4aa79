package vn.movepass.shared.health;

/** The checkpoint's colour for a resident's health now. */
public enum Colour {
    RED, AMBER, GREEN
}
