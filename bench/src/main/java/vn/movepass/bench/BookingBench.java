package vn.movepass.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.local.gateway.Gateway;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * {@code bench booking}: first the crowd on one slot: T threads send N bookings (each a different registry resident)
 * into one slot of P places through the real handler ({@code POST /v1/vaccination-appointments}); printed: how many were
 * BOOKED and SLOT_FULL, and the slot's counter and the day's booked counter as stored (they must all be P: none off by
 * one). Then the spread: the same number of other residents book free slots of the site (one each, round-robin over the
 * days' slots), next to the bare work measured in the same run: T threads making the same number of conditional
 * UpdateItems ({@code ADD booked 1} on condition {@code booked < places}) on a bare table of the same key schema.
 * Printed: bookings/s, bare updates/s and their ratio (target at least 0.5). Figures, no assertions.
 */
public final class BookingBench {
    private static final String SITE = "BENCH-VX";

    private BookingBench() {
    }

    public static int run(List<String> args) throws Exception {
        int crowd = 2_000;
        int places = 100;
        int threads = 8;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--bookings" -> crowd = Math.max(places, Integer.parseInt(args.get(++i)));
                case "--places" -> places = Integer.parseInt(args.get(++i));
                case "--threads" -> threads = Integer.parseInt(args.get(++i));
                default -> {
                    System.err.println(Benches.usage("booking"));
                    return 2;
                }
            }
        }
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.inMemory().withWebRoot(null))) {
            DemoData.seed(runtime);
            List<Resident> people = DemoData.living(2 * crowd);
            if (people.size() < 2 * crowd) {
                System.err.printf("the demo registry has %d living residents: use --bookings %d or fewer%n", people.size(),
                        people.size() / 2);
                return 2;
            }
            Gateway gateway = runtime.gateway();
            Map<String, String> official = Map.of("sub", "bench-health", "role", "HEALTH_OFFICIAL", "province_code", "79");
            BenchWorld.expect(201, gateway.invoke("POST", "/v1/vaccination-sites", null, BenchWorld.JSON, Json.write(Map.of(
                    "siteId", SITE, "name", "Điểm tiêm bench", "wardCode", "26734", "address", "1 Lê Lợi", "slotMinutes", 10,
                    "capacityPerSlot", places, "opens", "07:00", "closes", "19:00")).getBytes(StandardCharsets.UTF_8), official),
                    "site");
            LocalDate tomorrow = Times.vietnamDate(runtime.clock().instant()).plusDays(1);
            Instant slot = tomorrow.atTime(LocalTime.of(8, 0)).atZone(Times.VIETNAM).toInstant();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                // 1. the crowd on one slot
                AtomicInteger booked = new AtomicInteger();
                AtomicInteger full = new AtomicInteger();
                AtomicInteger other = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < crowd; i++) {
                    Resident r = people.get(i);
                    done.add(pool.submit(() -> {
                        var a = gateway.invoke("POST", "/v1/vaccination-appointments", null, BenchWorld.JSON, body(r, slot), null);
                        String text = a.getBody();
                        if (a.getStatusCode() == 201 && text.contains("\"BOOKED\"")) {
                            booked.incrementAndGet();
                        } else if (a.getStatusCode() == 409 && text.contains("SLOT_FULL")) {
                            full.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double crowdSecs = (System.nanoTime() - t0) / 1e9;
                String table = runtime.provisioned().tableName("VaccinationTable");
                DynamoDbClient dynamo = runtime.functionsDynamo(); // the bare work on the functions' own path to the store
                long slotCounter = number(dynamo, table, "SLOT#" + SITE + "#" + Times.iso(slot), "SLOT", "booked");
                long dayCounter = number(dynamo, table, "SITE#" + SITE, "DAY#" + tomorrow, "booked_ANY");
                System.out.printf("crowd: %,d bookings by %d threads into one slot of %d places in %.1f s: %d BOOKED, %,d SLOT_FULL,"
                        + " %d other; the slot's counter %d, the day's booked counter %d%s%n", crowd, threads, places, crowdSecs,
                        booked.get(), full.get(), other.get(), slotCounter, dayCounter,
                        booked.get() == places && slotCounter == places && dayCounter == places && full.get() == crowd - places
                                ? " (exact)" : " (NOT EXACT)");

                // 2. the spread over free slots, next to bare conditional UpdateItems in the same run
                List<Instant> slots = new ArrayList<>();
                for (int d = 2; slots.size() < crowd; d++) {
                    LocalDate day = tomorrow.plusDays(d);
                    for (LocalTime t = LocalTime.of(7, 0); t.isBefore(LocalTime.of(19, 0)) && slots.size() < crowd;
                         t = t.plusMinutes(10)) {
                        slots.add(day.atTime(t).atZone(Times.VIETNAM).toInstant());
                    }
                }
                String bare = bareTable(dynamo, table);
                double spread = 0;
                double bareSecs = 0;
                double bareTxSecs = 0;
                int half = crowd / 2;
                for (int round = 0; round < 2; round++) {
                    // alternating halves, so that neither side has the JIT's warm-up alone
                    int from = round * half;
                    int to = round == 0 ? half : crowd;
                    long s0 = System.nanoTime();
                    List<Future<?>> spreadDone = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        Resident r = people.get(crowd + i);
                        Instant at = slots.get(i);
                        spreadDone.add(pool.submit(() -> BenchWorld.expect(201, gateway.invoke("POST",
                                "/v1/vaccination-appointments", null, BenchWorld.JSON, body(r, at), null), "booking")));
                    }
                    for (Future<?> f : spreadDone) {
                        f.get();
                    }
                    spread += (System.nanoTime() - s0) / 1e9;
                    int cap = places;
                    long b0 = System.nanoTime();
                    List<Future<?>> bareDone = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        String pk = "SLOT#" + SITE + "#" + Times.iso(slots.get(i));
                        bareDone.add(pool.submit(() -> conditionalAdd(dynamo, bare, pk, cap)));
                    }
                    for (Future<?> f : bareDone) {
                        f.get();
                    }
                    bareSecs += (System.nanoTime() - b0) / 1e9;
                    // and the floor a booking cannot go under: its transaction of four items, bare
                    long x0 = System.nanoTime();
                    List<Future<?>> txDone = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        String pk = "TX#" + i;
                        txDone.add(pool.submit(() -> bareTransaction(dynamo, bare, pk, cap)));
                    }
                    for (Future<?> f : txDone) {
                        f.get();
                    }
                    bareTxSecs += (System.nanoTime() - x0) / 1e9;
                }
                double ours = crowd / spread;
                double theirs = crowd / bareSecs;
                System.out.printf("spread: %,d bookings over free slots by %d threads: %.0f bookings/s; bare conditional UpdateItem:"
                        + " %.0f/s; ratio %.2f (target >= 0.5)%n", crowd, threads, ours, theirs, ours / theirs);
                double tx = crowd / bareTxSecs;
                System.out.printf("        the booking's own transaction bare (lock, slot +1, appointment, day counter): %.0f/s;"
                        + " bookings ÷ that: %.2f%n", tx, ours / tx);
            } finally {
                pool.shutdown();
            }
        }
        return 0;
    }

    static byte[] body(Resident r, Instant slot) {
        return Json.write(Map.of("citizenId", r.citizenId(), "fullName", r.fullName(), "dateOfBirth", r.dateOfBirth().toString(),
                "gender", r.gender().name(), "phone", "0901234567", "priorityGroup", "OTHER", "siteId", SITE,
                "slotStart", slot.toString())).getBytes(StandardCharsets.UTF_8);
    }

    private static long number(DynamoDbClient dynamo, String table, String pk, String sk, String attribute) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk)))).item();
        return item == null || !item.containsKey(attribute) ? 0 : Long.parseLong(item.get(attribute).n());
    }

    private static void conditionalAdd(DynamoDbClient dynamo, String table, String pk, int cap) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("SLOT")))
                    .updateExpression("ADD booked :one").conditionExpression("attribute_not_exists(booked) OR booked < :cap")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":cap", AttributeValue.fromN(
                            Integer.toString(cap)))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("a bare slot was full", e);
        }
    }

    private static void bareTransaction(DynamoDbClient dynamo, String table, String pk, int cap) {
        Map<String, AttributeValue> lock = Map.of("pk", AttributeValue.fromS(pk + "#L"), "sk", AttributeValue.fromS("ACTIVE"));
        Map<String, AttributeValue> appt = Map.of("pk", AttributeValue.fromS(pk + "#A"), "sk", AttributeValue.fromS("APPT"),
                "status", AttributeValue.fromS("BOOKED"));
        dynamo.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(table).item(lock).conditionExpression("attribute_not_exists(pk)")),
                t -> t.update(u -> u.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk + "#S"), "sk", AttributeValue.fromS("SLOT")))
                        .updateExpression("ADD booked :one").conditionExpression("attribute_not_exists(booked) OR booked < :cap")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":cap",
                                AttributeValue.fromN(Integer.toString(cap))))),
                t -> t.put(p -> p.tableName(table).item(appt).conditionExpression("attribute_not_exists(pk)")),
                t -> t.update(u -> u.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk + "#D"), "sk", AttributeValue.fromS("DAY")))
                        .updateExpression("ADD booked_ANY :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
    }

    /** A bare table with VaccinationTable's key schema (pk, sk), on demand. */
    private static String bareTable(DynamoDbClient dynamo, String like) {
        String name = like + "-bare-booking";
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        return name;
    }
}
