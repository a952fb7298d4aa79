package vn.movepass.bench.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.movepass.local.LocalRuntime;
import vn.movepass.shared.trace.TraceSteps;
import vn.movepass.shared.venue.Visits;

/**
 * The tracing rule worked out in memory over a scenario's passages, for the bench to check what the queues and
 * functions wrote: breadth first from each F0, a person counts once per case at the level first reached (the most
 * severe), the F0 and the person traced are never contacts, each hop looks at the 14 days before detection, and a
 * contact is the same checkpoint or the same plate (anywhere) within ±15 minutes, both ends included, or a stay at the
 * same venue that overlaps one of the traced person's stays whose IN falls in those 14 days ({@link Visits.Stay#overlaps},
 * with the template's default VenueContactMinutes, 30).
 */
public final class ReferenceTrace {
    private record Passage(int person, int checkpoint, long at, String plate) {
    }

    private final Map<Integer, List<Passage>> byPerson = new HashMap<>();
    private final Map<Integer, List<Passage>> byCheckpoint = new HashMap<>();
    private final Map<String, List<Passage>> byPlate = new HashMap<>();
    private final long window = TraceSteps.WINDOW.toSeconds();
    /** The template's default VenueContactMinutes, as the bench and the crash tests run. */
    static final Duration VENUE_WINDOW = Duration.ofMinutes(30);
    private record Stay(int person, Visits.Stay stay) {
    }

    private final Map<Integer, List<Stay>> staysByPerson = new HashMap<>();
    private final Map<String, List<Stay>> staysByVenue = new HashMap<>();

    public ReferenceTrace(CityScenario city) {
        city.passages(p -> {
            Passage passage = new Passage(Integer.parseInt(p.citizenId().substring(4)),
                    Integer.parseInt(p.checkpointId().substring(4)), Instant.parse(p.at()).getEpochSecond(), p.plateKey());
            byPerson.computeIfAbsent(passage.person(), k -> new ArrayList<>()).add(passage);
            byCheckpoint.computeIfAbsent(passage.checkpoint(), k -> new ArrayList<>()).add(passage);
            if (passage.plate() != null) {
                byPlate.computeIfAbsent(passage.plate(), k -> new ArrayList<>()).add(passage);
            }
        });
        city.visits(item -> {
            var out = item.get("outAt");
            Stay stay = new Stay(Integer.parseInt(item.get("citizenId").s().substring(4)), new Visits.Stay(item.get("visitId").s(),
                    item.get("venueId").s(), item.get("citizenId").s(), Instant.parse(item.get("inAt").s()),
                    out == null ? null : Instant.parse(out.s())));
            staysByPerson.computeIfAbsent(stay.person(), k -> new ArrayList<>()).add(stay);
            staysByVenue.computeIfAbsent(stay.stay().venueId(), k -> new ArrayList<>()).add(stay);
        });
        byCheckpoint.values().forEach(l -> l.sort(Comparator.comparingLong(Passage::at)));
        byPlate.values().forEach(l -> l.sort(Comparator.comparingLong(Passage::at)));
    }

    /** The contacts of one case: person → level (1..depth). */
    public Map<Integer, Integer> contacts(int f0, Instant detectedAt, int depth) {
        long from = detectedAt.minus(TraceSteps.LOOK_BACK).getEpochSecond();
        long to = detectedAt.getEpochSecond();
        Set<Integer> reached = new HashSet<>(List.of(f0));
        Map<Integer, Integer> contacts = new HashMap<>();
        List<Integer> frontier = List.of(f0);
        for (int level = 1; level <= depth; level++) {
            Set<Integer> next = new HashSet<>();
            for (int traced : frontier) {
                for (Stay mine : staysByPerson.getOrDefault(traced, List.of())) {
                    long in = mine.stay().inAt().getEpochSecond();
                    if (in < from || in > to) {
                        continue;
                    }
                    for (Stay other : staysByVenue.get(mine.stay().venueId())) {
                        if (other.person() != traced && !reached.contains(other.person())
                                && other.stay().overlaps(mine.stay(), VENUE_WINDOW)) {
                            next.add(other.person());
                        }
                    }
                }
                for (Passage mine : byPerson.getOrDefault(traced, List.of())) {
                    if (mine.at() < from || mine.at() > to) {
                        continue;
                    }
                    collect(byCheckpoint.get(mine.checkpoint()), mine, traced, reached, next);
                    if (mine.plate() != null) {
                        collect(byPlate.get(mine.plate()), mine, traced, reached, next);
                    }
                }
            }
            reached.addAll(next);
            for (int who : next) {
                contacts.put(who, level);
            }
            frontier = new ArrayList<>(next);
        }
        return contacts;
    }

    /** Everyone in {@code sorted} (by instant) within the window of {@code mine}, not yet reached. */
    private void collect(List<Passage> sorted, Passage mine, int traced, Set<Integer> reached, Set<Integer> next) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).at() < mine.at() - window) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < sorted.size() && sorted.get(i).at() <= mine.at() + window; i++) {
            int who = sorted.get(i).person();
            if (who != traced && !reached.contains(who)) {
                next.add(who);
            }
        }
    }
}
