package vn.movepass.shared.health;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One stretch of a resident's health status: {@code level} (F0–F3, or NONE while RECOVERED) in {@code state} from
 * {@code from} (inclusive) to {@code until} (exclusive; null = until an event ends it). {@code due} is an F0's
 * planned end of isolation (an ISOLATION event's {@code until}), shown but not applied: only RECOVERED ends it.
 * {@code place} is where the resident isolates, when an ISOLATION event said so.
 */
public record Phase(String level, HealthState state, Instant from, Instant until, IsolationPlace place, LocalDate due) {

    public Phase {
        if (level == null || state == null || from == null) {
            throw new IllegalArgumentException("a phase needs a level, a state and a start");
        }
        if (until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("a phase ends after it starts");
        }
    }

    public Phase(String level, HealthState state, Instant from, Instant until) {
        this(level, state, from, until, null, null);
    }

    /** Whether the phase holds at {@code t}. */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && (until == null || t.isBefore(until));
    }

    /** Whether any part of the phase lies at or after {@code t}. */
    public boolean reaches(Instant t) {
        return until == null || until.isAfter(t);
    }

    /** Whether this state keeps the resident on the ward's list (ISOLATING, QUARANTINED, MONITORING). */
    public boolean active() {
        return state == HealthState.ISOLATING || state == HealthState.QUARANTINED || state == HealthState.MONITORING;
    }

    /**
     * How severe the phase is, for merging: an F0's isolation over a recovery (which shields from F1–F3) over an
     * F1's quarantine over monitoring of F1, F2, F3.
     */
    public int rank() {
        return switch (state) {
            case ISOLATING -> 60;
            case RECOVERED -> 50;
            case QUARANTINED -> 40;
            case MONITORING -> 30 - levelOrder(level);
            case NONE -> 0;
        };
    }

    Phase clippedTo(Instant start, Instant end) {
        Instant f = from.isBefore(start) ? start : from;
        Instant u = until == null ? end : end == null ? until : until.isBefore(end) ? until : end;
        return u != null && !u.isAfter(f) ? null : new Phase(level, state, f, u, place, due);
    }

    Phase withEnd(Instant end) {
        return new Phase(level, state, from, end, place, due);
    }

    static int levelOrder(String level) {
        return switch (level) {
            case "F0" -> 0;
            case "F1" -> 1;
            case "F2" -> 2;
            case "F3" -> 3;
            default -> 9;
        };
    }
}
