package vn.movepass.local.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.domain.Plates;

/**
 * A seeded random city (a few thousand passages, shared vehicles, rush hours) traced through the real
 * queues and functions, compared with an independent in-memory implementation of the rule written here.
 */
@FreshRuntime("a short visibility timeout; random worlds traced to the end")
class TracingRandomizedIT {
    static final long SEED = 952L;
    static final int PEOPLE = 300;
    static final int PASSAGES = 3000;
    static final String[] CHECKPOINTS = {"CP-1", "CP-2", "CP-3", "CP-4", "CP-5", "CP-6"};
    /** Today's UTC midnight: the cases' detectedAt must lie within the last 14 days. */
    static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final int MAX_DEPTH = 2;
    static final Duration WINDOW = Duration.ofMinutes(15);

    static String citizen(int i) {
        return String.format("0790900%05d", i);
    }

    static List<TraceWorld.Passage> city() {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] plates = new String[40];
        for (int i = 0; i < plates.length; i++) {
            plates[i] = String.format("51%c-%03d.%02d", (char) ('A' + i % 26), random.nextInt(1000), random.nextInt(100));
        }
        List<TraceWorld.Passage> out = new ArrayList<>();
        for (int i = 0; i < PASSAGES; i++) {
            int person = random.nextInt(PEOPLE);
            int day = random.nextInt(17); // some beyond the 14-day window
            int minute = random.nextDouble() < 0.6
                    ? (random.nextBoolean() ? 7 * 60 : 17 * 60) + random.nextInt(-60, 60) // rush hours (local 7h, 17h)
                    : random.nextInt(24 * 60);
            Instant at = END.minus(Duration.ofDays(day)).minus(Duration.ofHours(7)).plus(Duration.ofMinutes(minute))
                    .plusSeconds(random.nextInt(60)).truncatedTo(ChronoUnit.SECONDS);
            String plate = person < 120 ? plates[person % plates.length] : null; // 120 people share 40 vehicles
            out.add(new TraceWorld.Passage(citizen(person), CHECKPOINTS[random.nextInt(CHECKPOINTS.length)], at, plate));
        }
        return out;
    }

    // ------------------------------------------------------------------ the reference, in memory
    record Ev(String kind, String checkpointId, Instant at, Instant contactAt, String plate, String via) {
        static final Comparator<Ev> FIRST = Comparator.comparing(Ev::contactAt).thenComparing(Ev::at)
                .thenComparing(Ev::kind).thenComparing(Ev::checkpointId).thenComparing(Ev::via);

        String describe(int level) {
            return "F" + level + " " + via + " " + kind + " " + checkpointId + " " + at + " " + contactAt + " "
                    + (plate == null ? "-" : plate);
        }
    }

    static Map<String, String> reference(List<TraceWorld.Passage> all, String root, Instant detectedAt) {
        Map<String, Integer> dist = new HashMap<>();
        dist.put(root, 0);
        Map<String, Ev> evidence = new HashMap<>();
        for (int d = 0; d < MAX_DEPTH; d++) {
            Map<String, Ev> reached = new HashMap<>();
            for (Map.Entry<String, Integer> traced : new ArrayList<>(dist.entrySet())) {
                if (traced.getValue() != d) {
                    continue;
                }
                String t = traced.getKey();
                for (TraceWorld.Passage mine : all) {
                    if (!mine.citizenId().equals(t) || mine.at().isBefore(detectedAt.minus(Duration.ofDays(14)))
                            || mine.at().isAfter(detectedAt)) {
                        continue;
                    }
                    for (TraceWorld.Passage other : all) {
                        String who = other.citizenId();
                        if (who.equals(t) || who.equals(root)
                                || Duration.between(mine.at(), other.at()).abs().compareTo(WINDOW) > 0) {
                            continue;
                        }
                        List<Ev> found = new ArrayList<>();
                        if (other.checkpointId().equals(mine.checkpointId())) {
                            found.add(new Ev("SAME_CHECKPOINT", mine.checkpointId(), mine.at(), other.at(), null, t));
                        }
                        if (mine.plate() != null && other.plate() != null
                                && Plates.key(mine.plate()).equals(Plates.key(other.plate()))) {
                            found.add(new Ev("SAME_VEHICLE", other.checkpointId(), mine.at(), other.at(), other.plate(), t));
                        }
                        for (Ev e : found) {
                            if (!dist.containsKey(who)) {
                                reached.merge(who, e, (a, b) -> Ev.FIRST.compare(a, b) <= 0 ? a : b);
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, Ev> r : reached.entrySet()) {
                dist.put(r.getKey(), d + 1);
                evidence.put(r.getKey(), r.getValue());
            }
        }
        Map<String, String> out = new TreeMap<>();
        evidence.forEach((who, e) -> out.put(who, e.describe(dist.get(who))));
        return out;
    }

    @Test
    void theQueuesAndFunctionsAgreeWithAnIndependentImplementation() {
        List<TraceWorld.Passage> city = city();
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(2))))) {
            TraceWorld world = new TraceWorld(api);
            world.write(city);
            Map<String, Instant> roots = new TreeMap<>(Map.of(citizen(3), END, citizen(150), END.minus(Duration.ofDays(1)),
                    citizen(299), END.minus(Duration.ofDays(2))));
            Map<String, String> caseIds = new HashMap<>();
            roots.forEach((root, detected) -> caseIds.put(root, world.open(root, detected)));
            int total = 0;
            for (Map.Entry<String, Instant> root : roots.entrySet()) {
                String caseId = caseIds.get(root.getKey());
                world.awaitComplete(caseId, Duration.ofSeconds(120));
                Map<String, String> expected = reference(city, root.getKey(), root.getValue());
                assertEquals(expected, world.contacts(caseId), "case of " + root.getKey());
                total += expected.size();
            }
            assertTrue(total > 30, "the city is dense enough to test something: " + total + " contacts");
        }
    }
}
