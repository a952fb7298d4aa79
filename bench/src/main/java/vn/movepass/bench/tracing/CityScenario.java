package vn.movepass.bench.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.local.LocalRuntime;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;
import vn.movepass.shared.venue.Visits;

/**
 * A synthetic Ho Chi Minh City fortnight for the tracing bench (seeded, streamed, constant memory):
 * {@code checkpoints} checkpoints, people who pass one or two "home" checkpoints at rush hours
 * (07–09 and 16–19 local time, 60 % of trips) or at any hour, on their own motorbike or on foot,
 * and shared vehicles (buses, cars) whose riders pass together, same plate, within a minute.
 */
public final class CityScenario {
    /** The scenario's size. */
    public record Size(int people, int ownTripsPerPerson, int sharedVehicles, int ridersPerVehicle, int ridesPerVehicle,
                       int checkpoints, int days, int f0) {
        /** About 1 M passages over 14 days at 120 checkpoints, 952 F0 (the HCMC figures of August 2021). */
        public static Size hcmc() {
            return new Size(300_000, 2, 20_000, 4, 4, 120, 14, 952);
        }

        public Size scaled(double factor) {
            return new Size(Math.max(100, (int) (people * factor)), ownTripsPerPerson,
                    Math.max(10, (int) (sharedVehicles * factor)), ridersPerVehicle, ridesPerVehicle, checkpoints, days,
                    Math.max(1, (int) (f0 * factor)));
        }

        public long expectedPassages() {
            return (long) people * ownTripsPerPerson + (long) sharedVehicles * ridersPerVehicle * ridesPerVehicle;
        }
    }

    private final Size size;
    private final long seed;
    private final Instant end;

    public CityScenario(Size size, long seed, Instant end) {
        this.size = size;
        this.seed = seed;
        this.end = end;
    }

    public Size size() {
        return size;
    }

    /** The last local midnight (Asia/Ho_Chi_Minh): a scenario ending there has its F0s detected within the look-back. */
    public static Instant lastLocalMidnight() {
        return java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .toInstant();
    }

    public Instant end() {
        return end;
    }

    public static String citizenId(int person) {
        return String.format("0790%08d", person);
    }

    public static String checkpointId(int index) {
        return String.format("HCM-%03d", index);
    }

    /** Streams every passage; returns how many. */
    public long passages(Consumer<PassageItem> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        long count = 0;
        for (int person = 0; person < size.people(); person++) {
            int home = random.nextInt(size.checkpoints());
            int work = random.nextInt(size.checkpoints());
            String plate = random.nextDouble() < 0.8 ? plate(random, "59", person) : null;
            int trips = random.nextInt(2 * size.ownTripsPerPerson() + 1);
            for (int t = 0; t < trips; t++) {
                int checkpoint = random.nextDouble() < 0.8 ? (random.nextBoolean() ? home : work) : random.nextInt(size.checkpoints());
                sink.accept(item(citizenId(person), checkpoint, when(random), plate, count++));
            }
        }
        for (int vehicle = 0; vehicle < size.sharedVehicles(); vehicle++) {
            String plate = plate(random, "51", vehicle);
            int riders = 2 + random.nextInt(2 * size.ridersPerVehicle() - 3);
            int[] group = new int[riders];
            for (int r = 0; r < riders; r++) {
                group[r] = random.nextInt(size.people());
            }
            int route = random.nextInt(size.checkpoints());
            for (int ride = 0; ride < size.ridesPerVehicle(); ride++) {
                Instant at = when(random);
                int checkpoint = random.nextBoolean() ? route : random.nextInt(size.checkpoints());
                for (int rider : group) {
                    sink.accept(item(citizenId(rider), checkpoint, at.plusSeconds(random.nextInt(60)), plate, count++));
                }
            }
        }
        return count;
    }

    /** Venues of the city: a supermarket and a pharmacy near each checkpoint. */
    public int venues() {
        return 2 * size.checkpoints();
    }

    public static String venueId(int index) {
        return String.format("HCM-V%03d", index);
    }

    /**
     * Streams every venue stay, as VenueService writes them (VenuesTable items): about half the people shop in the
     * fortnight, one to three times, at one of two venues of their own, 10 to 60 minutes, one stay in five without
     * a check-out. A random stream of its own, so the passages and the F0s are those of the scenario without venues.
     * Returns how many.
     */
    public long visits(Consumer<Map<String, AttributeValue>> sink) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x7E11E5L);
        long count = 0;
        for (int person = 0; person < size.people(); person++) {
            if (random.nextBoolean()) {
                continue;
            }
            int[] own = {random.nextInt(venues()), random.nextInt(venues())};
            int stays = 1 + random.nextInt(3);
            for (int v = 0; v < stays; v++) {
                int venue = own[random.nextInt(2)];
                Instant in = when(random);
                Instant out = random.nextInt(5) == 0 ? null : in.plus(Duration.ofMinutes(10 + random.nextInt(51)));
                sink.accept(stay(citizenId(person), venue, in, out, count++));
            }
        }
        return count;
    }

    private static Map<String, AttributeValue> stay(String citizenId, int venue, Instant in, Instant out, long n) {
        String id = String.format("vbench%012d", n);
        String venueId = venueId(venue);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(Visits.partition(venueId, in)));
        item.put("sk", AttributeValue.fromS(Visits.sort(in, id)));
        item.put("visitId", AttributeValue.fromS(id));
        item.put("venueId", AttributeValue.fromS(venueId));
        item.put("venueType", AttributeValue.fromS(venue % 2 == 0 ? "SUPERMARKET" : "PHARMACY"));
        item.put("wardCode", AttributeValue.fromS("26734"));
        item.put("citizenId", AttributeValue.fromS(citizenId));
        item.put("inAt", AttributeValue.fromS(Times.iso(in)));
        item.put("inHour", AttributeValue.fromS(Visits.hourKey(in, id)));
        item.put("via", AttributeValue.fromS("VENUE"));
        item.put("verdict", AttributeValue.fromS("VALID"));
        item.put("colour", AttributeValue.fromS("GREEN"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(in.plus(Duration.ofDays(30)).getEpochSecond())));
        if (out != null) {
            item.put("outAt", AttributeValue.fromS(Times.iso(out)));
        }
        return item;
    }

    /** The F0s: distinct people, drawn from the same seed. */
    public int[] f0s() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < Math.min(size.f0(), size.people())) {
            chosen.add(random.nextInt(size.people()));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private Instant when(SplittableRandom random) {
        int day = random.nextInt(size.days());
        int minute;
        if (random.nextDouble() < 0.6) {
            minute = random.nextBoolean() ? 7 * 60 + random.nextInt(120) : 16 * 60 + random.nextInt(180);
        } else {
            minute = random.nextInt(24 * 60);
        }
        // end is a local midnight: count whole days back from it, then the local minute of that day
        return end.minus(Duration.ofDays(size.days() - day)).plus(Duration.ofMinutes(minute)).plusSeconds(random.nextInt(60));
    }

    private static String plate(SplittableRandom random, String province, int n) {
        return String.format("%s%c-%03d.%02d", province, (char) ('A' + random.nextInt(26)), n % 1000, random.nextInt(100));
    }

    private static PassageItem item(String citizenId, int checkpoint, Instant at, String plate, long n) {
        String id = String.format("bench%012d", n);
        String cp = checkpointId(checkpoint);
        return PassageItem.builder().pk(PassageKeys.partition(cp, at, id)).sk(PassageKeys.sort(at, id)).passageId(id)
                .checkpointId(cp).at(Times.iso(at)).direction(n % 2 == 0 ? "IN" : "OUT").decision("ALLOWED")
                .vehiclePlate(plate).plateKey(Plates.key(plate)).citizenId(citizenId).verdict("VALID")
                .officerSub("camera-" + cp).build();
    }
}
