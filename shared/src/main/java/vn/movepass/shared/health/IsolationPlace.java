package vn.movepass.shared.health;

/** Where an F0 or F1 isolates. */
public enum IsolationPlace {
    HOME, FACILITY, HOSPITAL
}
