package vn.movepass.shared.health;

/** The kinds of event in a resident's health history. */
public enum HealthEventType {
    /** A level (F0–F3) given by an official, or by tracing (the contact instant as {@code at}). */
    CLASSIFIED,
    /** A test result; a POSITIVE one classifies as F0. */
    TESTED,
    /** Where (HOME, FACILITY, HOSPITAL) and until when an F0 or F1 isolates. */
    ISOLATION,
    /** Ends an F1–F3 period (or an F0's, by a health official) before its time, with a reason. */
    RELEASED,
    /** Ends an F0's isolation; the recovered period follows. */
    RECOVERED,
    /** A vaccine dose (POST /v1/vaccinations). */
    DOSE
}
