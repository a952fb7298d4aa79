package vn.movepass.shared.domain;

/** Epidemiological classification: F0 infected, F1 contact of F0, F2 contact of F1 … */
public enum Classification {
    F0, F1, F2, F3
}
