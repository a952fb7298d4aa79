package vn.movepass.shared.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * A resident's health status as derived from their history: the phases from the current episode on (sorted, not
 * overlapping), the tracing case that raised them, and the vaccination summary. It is stored once per resident and
 * copied verbatim ({@link #encode}) onto their live passes, so that a scan judges it against its own clock without
 * another read. It says nothing about now: {@link Health#of} does.
 */
public record HealthSnapshot(List<Phase> phases, String caseId, Vaccination vaccination) {
    public static final HealthSnapshot EMPTY = new HealthSnapshot(List.of(), null, Vaccination.NONE);

    public HealthSnapshot {
        phases = List.copyOf(phases);
        vaccination = vaccination == null ? Vaccination.NONE : vaccination;
    }

    /** The phase holding at {@code t}, or null (NONE). */
    public Phase at(Instant t) {
        for (Phase p : phases) {
            if (p.covers(t)) {
                return p;
            }
        }
        return null;
    }

    /**
     * When the last ISOLATING, QUARANTINED or MONITORING phase ends: the ward's list shows the resident until then.
     * {@link Instant#MAX} while an F0 isolates (no end); null when no such phase is left.
     */
    public Instant activeUntil() {
        Instant end = null;
        for (Phase p : phases) {
            if (p.active()) {
                Instant u = p.until() == null ? Instant.MAX : p.until();
                end = end == null || u.isAfter(end) ? u : end;
            }
        }
        return end;
    }

    /** The snapshot without what ended before {@code t} (history keeps it). */
    public HealthSnapshot from(Instant t) {
        List<Phase> kept = new ArrayList<>();
        for (Phase p : phases) {
            if (p.reaches(t)) {
                kept.add(p);
            }
        }
        return new HealthSnapshot(kept, caseId, vaccination);
    }

    /**
     * At every instant, the more severe of this snapshot's phase and {@code other}'s ({@link Phase#rank}); ties go to
     * {@code other}. Merging is commutative up to ties and idempotent, so tracing's raises may arrive in any order.
     */
    public List<Phase> mergedWith(List<Phase> other) {
        TreeSet<Instant> bounds = new TreeSet<>();
        for (List<Phase> list : List.of(phases, other)) {
            for (Phase p : list) {
                bounds.add(p.from());
                if (p.until() != null) {
                    bounds.add(p.until());
                }
            }
        }
        List<Phase> out = new ArrayList<>();
        Phase open = null;
        Instant openFrom = null;
        List<Instant> edges = new ArrayList<>(bounds);
        for (int i = 0; i < edges.size(); i++) {
            Instant start = edges.get(i);
            Phase best = best(start, phases, other);
            if (best != open) {
                if (open != null) {
                    out.add(open.clippedTo(openFrom, start));
                }
                open = best;
                openFrom = start;
            }
        }
        if (open != null) {
            out.add(open.clippedTo(openFrom, null));
        }
        return out;
    }

    private static Phase best(Instant t, List<Phase> mine, List<Phase> theirs) {
        Phase a = null;
        for (Phase p : mine) {
            if (p.covers(t)) {
                a = p;
            }
        }
        Phase b = null;
        for (Phase p : theirs) {
            if (p.covers(t)) {
                b = p;
            }
        }
        if (a == null) {
            return b;
        }
        return b != null && b.rank() >= a.rank() ? b : a;
    }

    public HealthSnapshot withPhases(List<Phase> next) {
        return new HealthSnapshot(next, caseId, vaccination);
    }

    public HealthSnapshot withCaseId(String next) {
        return new HealthSnapshot(phases, next, vaccination);
    }

    public HealthSnapshot withVaccination(Vaccination next) {
        return new HealthSnapshot(phases, caseId, next);
    }

    /** Compact JSON, the form kept on the resident's status item and on each live pass. */
    public String encode() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("p");
        for (Phase p : phases) {
            ObjectNode n = list.addObject();
            n.put("l", p.level()).put("s", p.state().name()).put("f", p.from().toString());
            if (p.until() != null) {
                n.put("u", p.until().toString());
            }
            if (p.place() != null) {
                n.put("pl", p.place().name());
            }
            if (p.due() != null) {
                n.put("d", p.due().toString());
            }
        }
        if (caseId != null) {
            root.put("c", caseId);
        }
        if (vaccination.doses() > 0) {
            ObjectNode v = root.putObject("v");
            v.put("n", vaccination.doses()).put("p", vaccination.lastProduct().name()).put("d", vaccination.lastDate().toString());
            v.put("f", vaccination.firstDate().toString());
            if (vaccination.completeSince() != null) {
                v.put("c", vaccination.completeSince().toString());
            }
        }
        return Json.write(root);
    }

    /** The snapshot {@link #encode} wrote; null or blank reads as {@link #EMPTY}. */
    public static HealthSnapshot decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return EMPTY;
        }
        JsonNode root = Json.readTree(encoded);
        List<Phase> phases = new ArrayList<>();
        for (JsonNode n : root.path("p")) {
            phases.add(new Phase(n.get("l").asText(), HealthState.valueOf(n.get("s").asText()), Times.parse(n.get("f").asText()),
                    n.has("u") ? Times.parse(n.get("u").asText()) : null,
                    n.has("pl") ? IsolationPlace.valueOf(n.get("pl").asText()) : null,
                    n.has("d") ? LocalDate.parse(n.get("d").asText()) : null));
        }
        Vaccination vaccination = Vaccination.NONE;
        JsonNode v = root.get("v");
        if (v != null) {
            LocalDate last = LocalDate.parse(v.get("d").asText());
            // "f" (the first dose's day) came after the others: a snapshot written before it counts from its last dose
            vaccination = new Vaccination(v.get("n").asInt(), v.has("f") ? LocalDate.parse(v.get("f").asText()) : last,
                    VaccineProduct.valueOf(v.get("p").asText()), last, v.has("c") ? LocalDate.parse(v.get("c").asText()) : null);
        }
        return new HealthSnapshot(phases, root.has("c") ? root.get("c").asText() : null, vaccination);
    }
}
