package vn.movepass.shared.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;

/**
 * The contract's rules, as a pure function from a snapshot and one event to the next snapshot:
 * <ul>
 *   <li>F0 → ISOLATING from the event until a RECOVERED event; F1 → QUARANTINED for the quarantine period from the
 *       contact, then MONITORING; F2, F3 → MONITORING. A level only rises through classification: at every instant
 *       the more severe phase holds ({@link HealthSnapshot#mergedWith}), so raises commute and repeat harmlessly.
 *   <li>RECOVERED (of an F0 only) ends the isolation and starts the recovered period, which shields from F1–F3: a
 *       recovered contact is recorded but not quarantined (outcome {@link Outcome#SHIELDED}).
 *   <li>RELEASED ends every period from its instant on.
 *   <li>ISOLATION sets where an F0 or F1 isolates and until when: it ends an F1's quarantine then (monitoring
 *       follows); for an F0 it is the planned end, shown, but only RECOVERED ends isolation.
 * </ul>
 */
public final class HealthRules {
    private final HealthPeriods periods;

    public HealthRules(HealthPeriods periods) {
        this.periods = periods;
    }

    /** What an event did to the status. */
    public enum Outcome {
        /** The status changed. */
        CHANGED,
        /** Already as severe or more: nothing changed (a repeat, or a lesser level). */
        KEPT,
        /** A recovered resident found as a contact: recorded, not quarantined, not traced further. */
        SHIELDED
    }

    public record Result(HealthSnapshot after, Outcome outcome) {
    }

    /**
     * Applies one event. {@code now} only bounds validation (an event is never in the future); the status it
     * produces is judged against the clock when read.
     *
     * @throws InvalidInputException RECOVERED of someone who is not F0 at {@code at} ({@code NOT_F0}), ISOLATION of
     *                               someone neither F0 nor F1 ({@code NOT_ISOLATING}), RELEASED of someone with
     *                               nothing to release ({@code NOTHING_TO_RELEASE})
     */
    public Result apply(HealthSnapshot before, HealthChange change) {
        Instant at = change.at();
        Phase current = before.at(at);
        String raise = change.raisesTo();
        if (raise != null) {
            return classify(before, raise, at, change.caseId());
        }
        return switch (change.type()) {
            case TESTED, DOSE -> new Result(before, Outcome.KEPT);
            case RECOVERED -> {
                if (current == null || !"F0".equals(current.level()) || current.state() != HealthState.ISOLATING) {
                    throw InvalidInputException.of("type", "NOT_F0", "only an F0 in isolation recovers");
                }
                List<Phase> next = endAt(before.phases(), at);
                next.add(new Phase("NONE", HealthState.RECOVERED, at, at.plus(periods.recovered())));
                yield new Result(before.withPhases(next), Outcome.CHANGED);
            }
            case RELEASED -> {
                if (current == null || !current.active()) {
                    throw InvalidInputException.of("type", "NOTHING_TO_RELEASE", "no isolation, quarantine or monitoring to end");
                }
                yield new Result(before.withPhases(endAt(before.phases(), at)), Outcome.CHANGED);
            }
            case ISOLATION -> new Result(before.withPhases(isolate(before, current, change)), Outcome.CHANGED);
            case CLASSIFIED -> throw new IllegalStateException("handled above");
        };
    }

    private Result classify(HealthSnapshot before, String level, Instant at, String caseId) {
        Phase current = before.at(at);
        if (!"F0".equals(level) && current != null && current.state() == HealthState.RECOVERED) {
            return new Result(before, Outcome.SHIELDED);
        }
        List<Phase> merged = before.mergedWith(episode(level, at));
        if (merged.equals(before.phases())) {
            return new Result(before, Outcome.KEPT);
        }
        HealthSnapshot after = before.withPhases(merged);
        if (caseId != null && (before.caseId() == null || "F0".equals(level) || Phase.levelOrder(level) < levelOf(before, at))) {
            after = after.withCaseId(caseId);
        }
        return new Result(after, Outcome.CHANGED);
    }

    private static int levelOf(HealthSnapshot s, Instant at) {
        Phase p = s.at(at);
        return p == null ? 9 : Phase.levelOrder(p.level());
    }

    /** The phases a classification at {@code at} brings by itself. */
    public List<Phase> episode(String level, Instant at) {
        return switch (level) {
            case "F0" -> List.of(new Phase("F0", HealthState.ISOLATING, at, null));
            case "F1" -> {
                Instant q = at.plus(periods.f1Quarantine());
                yield List.of(new Phase("F1", HealthState.QUARANTINED, at, q),
                        new Phase("F1", HealthState.MONITORING, q, q.plus(periods.f1Monitoring())));
            }
            case "F2", "F3" -> List.of(new Phase(level, HealthState.MONITORING, at, at.plus(periods.contactMonitoring())));
            default -> throw InvalidInputException.of("level", "UNKNOWN_LEVEL", "level is one of F0, F1, F2, F3");
        };
    }

    private List<Phase> isolate(HealthSnapshot before, Phase current, HealthChange change) {
        if (current == null || (current.state() != HealthState.ISOLATING && current.state() != HealthState.QUARANTINED)) {
            throw InvalidInputException.of("type", "NOT_ISOLATING", "only an F0 or an F1 in quarantine isolates");
        }
        List<Phase> others = new ArrayList<>();
        for (Phase p : before.phases()) {
            boolean follower = current.until() != null && p.from().equals(current.until())
                    && p.state() == HealthState.MONITORING && p.level().equals(current.level());
            if (p != current && !follower) {
                others.add(p);
            }
        }
        List<Phase> replaced;
        if (current.state() == HealthState.ISOLATING) {
            replaced = List.of(new Phase(current.level(), current.state(), current.from(), current.until(), change.place(),
                    change.until()));
        } else {
            Instant end = change.until().plusDays(1).atStartOfDay(Times.VIETNAM).toInstant();
            if (!end.isAfter(current.from())) {
                throw InvalidInputException.of("until", "BEFORE_START", "until is before the quarantine began");
            }
            replaced = List.of(new Phase(current.level(), current.state(), current.from(), end, change.place(), null),
                    new Phase(current.level(), HealthState.MONITORING, end, end.plus(periods.f1Monitoring())));
        }
        return new HealthSnapshot(others, null, null).mergedWith(replaced);
    }

    /** Every phase cut at {@code t}: what started later is gone, what spans it ends there. */
    private static List<Phase> endAt(List<Phase> phases, Instant t) {
        List<Phase> next = new ArrayList<>();
        for (Phase p : phases) {
            if (!p.from().isBefore(t)) {
                continue;
            }
            next.add(p.covers(t) ? p.withEnd(t) : p);
        }
        return next;
    }
}
