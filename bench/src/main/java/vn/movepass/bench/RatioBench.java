package vn.movepass.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.store.PassTableKeys;

/**
 * {@code bench ratios}: each operation of ours next to the bare minimum it must do, on the same embedded servers in the
 * same run, interleaved (ours and bare alternate within every round, the order flipping each round), the median of
 * the rounds' ratios printed with both sides' own figures. Then each side's throughput on 2 threads over 1 thread.
 * Ours goes through the real handler ({@link vn.movepass.local.gateway.Gateway#invoke}: the payload 2.0 event, no socket, no
 * JWT check); bare is raw SDK calls on the same DynamoDB client, replaying the requests ours made (with fresh keys
 * where they are conditional puts), or ZXing alone. Figures, not assertions: the machine is shared.
 */
public final class RatioBench {
    /** {@code -Dbench.rounds=true}: print every round's figures (to see the spread on a busy machine). */
    private static final boolean PRINT_ROUNDS = Boolean.getBoolean("bench.rounds");
    private RatioBench() {
    }

    /** One timed operation; throws when its answer is not the expected one. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /** Ours against the bare minimum of the same operation. */
    record Pair(String name, Op ours, Op bare, double target, String bareIs) {
    }

    /** The medians of one pair. */
    record Figures(Pair pair, double oursMs, double bareMs, double ratio, double oursScaling, double bareScaling) {
    }

    public static int run(List<String> args) throws Exception {
        int rounds = 7;
        int sliceMs = 300;
        String only = "";
        boolean overHttp = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--only" -> only = args.get(++i).toLowerCase(Locale.ROOT);
                case "--rounds" -> rounds = Math.max(5, Integer.parseInt(args.get(++i)));
                case "--slice-ms" -> sliceMs = Math.min(5_000, Math.max(50, Integer.parseInt(args.get(++i))));
                case "--dynamo-over-http" -> overHttp = true;
                default -> {
                    System.err.println(Benches.usage("ratios"));
                    return 2;
                }
            }
        }
        measure(rounds, sliceMs, only, overHttp, System.out);
        return 0;
    }

    /** The operations of {@code requests}, in order: [GetItem, TransactWriteItems, …]. */
    static List<String> names(List<SdkRequest> requests) {
        return requests.stream().map(r -> r.getClass().getSimpleName().replace("Request", "")).toList();
    }

    /** Records the DynamoDB requests made while {@link #on}, in order (to build the bare replays). */
    static final class Recorder implements ExecutionInterceptor {
        private volatile boolean on;
        private final List<SdkRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (on) {
                requests.add(context.request());
            }
        }

        /** Every request one run of the operation made. */
        List<SdkRequest> recorded(Op op) throws Exception {
            requests.clear();
            on = true;
            try {
                op.run();
            } finally {
                on = false;
            }
            return List.copyOf(requests);
        }

        /** The one request of that type one run of the operation made. */
        <T extends SdkRequest> T recorded(Class<T> type, Op op) throws Exception {
            List<SdkRequest> of = recorded(op).stream().filter(type::isInstance).toList();
            if (of.size() != 1) {
                throw new IllegalStateException("the operation made " + of.size() + " " + type.getSimpleName());
            }
            return type.cast(of.get(0));
        }
    }

    /**
     * Measures every pair whose name contains {@code only}; {@code overHttp} gives the functions (and so the bare replays,
     * which run on the functions' own client) the SDK over HTTP instead of DynamoDB Local in process.
     */
    public static List<Figures> measure(int rounds, int sliceMs, String only, boolean overHttp, PrintStream out)
            throws Exception {
        Recorder recorder = new Recorder();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        LocalRuntime.Options options = LocalRuntime.Options.inMemory().withDynamoObservers(List.of(recorder));
        try (BenchWorld world = BenchWorld.start(overHttp ? options.withFunctionsDynamoOverHttp() : options)) {
            List<Pair> pairs = pairs(world, recorder).stream()
                    .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(only)).toList();
            out.printf(Locale.ROOT, "ratio benchmarks: ours ÷ bare, interleaved, median of %d rounds of %d ms a side;"
                            + " JDK %s, %d cores, load average %s; DynamoDB %s%n", rounds, sliceMs,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                    world.runtime.functionsDynamo() == world.runtime.dynamo() ? "over HTTP (the SDK)" : "in process");
            out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %7s %7s %9s %9s%n", "operation", "ours ms", "ours/s",
                    "bare ms", "bare/s", "ratio", "target", "2T/1T us", "2T/1T bare");
            List<Figures> all = new ArrayList<>();
            for (Pair p : pairs) {
                Figures f = figures(p, rounds, sliceMs * 1_000_000L, pool);
                all.add(f);
                out.printf(Locale.ROOT, "%-34s %9.3f %9.0f %9.3f %9.0f %7.2f %7s %9.2f %9.2f%s%n", p.name(), f.oursMs(),
                        1000 / f.oursMs(), f.bareMs(), 1000 / f.bareMs(), f.ratio(),
                        Double.isNaN(p.target()) ? "-" : String.format(Locale.ROOT, "<=%.2f", p.target()),
                        f.oursScaling(), f.bareScaling(),
                        !Double.isNaN(p.target()) && f.ratio() > p.target() ? "  OFF TARGET" : "");
            }
            out.println("bare, per operation:");
            for (Pair p : pairs) {
                out.printf("  %-32s %s%n", p.name(), p.bareIs());
            }
            out.println("ms: mean time of one operation on 1 thread (median over rounds); /s: its inverse. 2T/1T:"
                    + " throughput on 2 threads ÷ on 1 (median of 5 rounds), ours and bare; near 2 for CPU-bound work"
                    + " on 2 free cores, lower when the cores are shared or a server in this JVM is the bottleneck.");
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Pair> pairs(BenchWorld world, Recorder recorder) throws Exception {
        DynamoDbClient dynamo = world.runtime.functionsDynamo(); // the bare calls take the functions' own path to the store
        var gateway = world.runtime.gateway();
        Keys keys = new Keys(dynamo);
        List<Pair> pairs = new ArrayList<>();

        Op declare = world::declare;
        GetItemRequest windowGet = recorder.recorded(GetItemRequest.class, declare);
        TransactWriteItemsRequest declarationWrite = recorder.recorded(TransactWriteItemsRequest.class, declare);
        // until 2026-12-06 this pair's bare was called "GetItem of the registry item": that GetItem is the attempt window's,
        // and the registry + health look-up (a BatchGetItem) was missing from it; the like-for-like bare is the replay below
        pairs.add(new Pair("declaration submit (handler)", declare, () -> {
            dynamo.getItem(windowGet);
            dynamo.transactWriteItems(keys.fresh(declarationWrite));
        }, Double.NaN, "GetItem of the attempt window + TransactWriteItems of the same " + declarationWrite.transactItems().size()
                + " items (conditional puts under fresh keys, the counter updates as they were); not the look-up's BatchGetItem"));
        // the declaration's essential work beyond its calls: one Ed25519 signature of the pass (JDK 17, as ours signs)
        List<SdkRequest> declarationCalls = recorder.recorded(declare);
        pairs.add(new Pair("declaration, its own SDK calls", declare, () -> keys.replay(declarationCalls), 1.2,
                "the SDK requests one declaration made, replayed (fresh keys): " + names(declarationCalls)));
        PassKeys signer = PassKeys.generate(new java.security.SecureRandom());
        byte[] claims = new byte[world.declare().get("token").asText().length() * 3 / 4];
        pairs.add(new Pair("declaration, own calls + 1 signature", declare, () -> {
            keys.replay(declarationCalls);
            claims[0]++;
            signer.sign(claims);
        }, Double.NaN, "the same replay and one Ed25519 signature (JDK) of a token-sized payload"));

        var pass = world.declare();
        String token = pass.get("token").asText();
        String passId = pass.get("passId").asText();
        GetItemRequest passGet = GetItemRequest.builder().tableName(world.runtime.provisioned().tableName("PassesTable"))
                .key(Map.of("pk", AttributeValue.fromS(PassTableKeys.pass(passId)))).build();
        byte[] scanBody = BenchWorld.scanBody(token, false);
        byte[] recordBody = BenchWorld.scanBody(token, true);
        Op scan = () -> BenchWorld.expect(200, gateway.invoke("POST", world.scansPath(), null, BenchWorld.JSON, scanBody,
                world.officerClaims), "scan");
        Op record = () -> BenchWorld.expect(200, gateway.invoke("POST", world.scansPath(), null, BenchWorld.JSON, recordBody,
                world.officerClaims), "recording scan");
        TransactWriteItemsRequest passageWrite = recorder.recorded(TransactWriteItemsRequest.class, record);
        Put passagePut = passageWrite.transactItems().get(0).put();
        pairs.add(new Pair("scan validation (handler)", scan, () -> {
            dynamo.getItem(passGet);
            dynamo.putItem(keys.freshPut(passagePut));
        }, 1.2, "GetItem of the pass + PutItem of the passage item a recording scan writes (fresh key)"));
        List<SdkRequest> scanCalls = recorder.recorded(scan);
        pairs.add(new Pair("scan validation, its own SDK calls", scan, () -> keys.replay(scanCalls), Double.NaN,
                "the SDK requests the scan made, replayed: " + names(scanCalls)));
        pairs.add(new Pair("scan record:true (handler)", record, () -> {
            dynamo.getItem(passGet);
            dynamo.transactWriteItems(keys.fresh(passageWrite));
        }, Double.NaN, "GetItem of the pass + TransactWriteItems of the same " + passageWrite.transactItems().size()
                + " items (passage, feed lines, counters)"));

        pairs.add(healthEvent(world, recorder, keys));
        pairs.add(venueCheckIn(world, recorder, keys));
        pairs.add(booking(world, recorder, keys));

        QrRenderer renderer = new QrRenderer();
        int size = vn.movepass.shared.pass.PassService.DEFAULT_PNG_SIZE;
        String pngPath = "/v1/passes/" + passId + "/qr.png";
        String svgPath = "/v1/passes/" + passId + "/qr.svg";
        pairs.add(new Pair("QR PNG " + size + " px (handler)", () -> BenchWorld.expect(200, gateway.invoke("GET", pngPath,
                "size=" + size, Map.of(), new byte[0], null), "qr.png"), () -> {
            dynamo.getItem(passGet);
            zxingPng(token, size);
        }, 1.15, "GetItem of the pass + ZXing QRCodeWriter matrix + JDK ImageIO PNG of it"));
        pairs.add(new Pair("QR SVG (handler)", () -> BenchWorld.expect(200, gateway.invoke("GET", svgPath, null, Map.of(),
                new byte[0], null), "qr.svg"), () -> {
            dynamo.getItem(passGet);
            zxingSvg(token);
        }, 1.15, "GetItem of the pass + ZXing Encoder matrix + a path of one square per dark module"));
        pairs.add(new Pair("QR PNG render (QrRenderer)", () -> renderer.png(token, size), () -> zxingPng(token, size),
                1.15, "ZXing QRCodeWriter matrix + JDK ImageIO PNG"));
        pairs.add(new Pair("QR SVG render (QrRenderer)", () -> renderer.svg(token), () -> zxingSvg(token),
                1.15, "ZXing Encoder matrix + a path of one square per dark module"));
        return pairs;
    }

    /**
     * A health official records a health event (F2, then its release, in turn, over 2,000 residents, so every call
     * changes a status) next to the SDK calls the handler made for one, replayed: the registry and status reads, the
     * live passes' query and the transaction (event, status, report counters) under fresh keys.
     */
    private static Pair healthEvent(BenchWorld world, Recorder recorder, Keys keys) throws Exception {
        var gateway = world.runtime.gateway();
        List<String> ids = vn.movepass.local.demo.DemoData.living(2_000).stream().map(r -> r.citizenId()).toList();
        Map<String, String> official = Map.of("sub", "bench-health", "role", "HEALTH_OFFICIAL");
        AtomicLong calls = new AtomicLong();
        Op record = () -> {
            long i = calls.getAndIncrement();
            String id = ids.get((int) (i % ids.size()));
            String at = world.runtime.clock().instant().toString();
            var event = (i / ids.size()) % 2 == 0
                    ? vn.movepass.shared.json.Json.object().put("type", "CLASSIFIED").put("level", "F2").put("at", at)
                    : vn.movepass.shared.json.Json.object().put("type", "RELEASED").put("reason", "bench").put("at", at);
            BenchWorld.expect(201, gateway.invoke("POST", "/v1/citizens/" + id + "/health-events", null, BenchWorld.JSON,
                    vn.movepass.shared.json.Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8), official),
                    "health event");
        };
        List<SdkRequest> made = recorder.recorded(record);
        return new Pair("health event (handler)", record, () -> keys.replay(made), 1.3,
                "the SDK requests one event made, replayed (puts and the status update under fresh keys): " + names(made));
    }

    /**
     * A venue's phone checks a person in and out again (a chip-ID card QR; IN then OUT, so every call records a stay,
     * over 2,000 residents) next to the SDK calls the handler made for one such pair, replayed: the venue, resident,
     * health and presence reads and the two transactions (stay, presence and counters; the stay's OUT and the presence's
     * removal) under fresh keys.
     */
    private static Pair venueCheckIn(BenchWorld world, Recorder recorder, Keys keys) throws Exception {
        var gateway = world.runtime.gateway();
        Map<String, String> admin = Map.of("sub", "bench-admin", "role", "ADMIN");
        byte[] venue = vn.movepass.shared.json.Json.write(Map.of("venueId", "BENCH-V1", "name", "Co.opmart", "type",
                "SUPERMARKET", "wardCode", "26734", "address", "2 Lý Tự Trọng")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        gateway.invoke("POST", "/v1/admin/venues", null, BenchWorld.JSON, venue, admin);
        Map<String, String> phone = Map.of("sub", "bench-venue", "role", "VENUE_OPERATOR", "venue_id", "BENCH-V1");
        List<byte[][]> bodies = new ArrayList<>();
        for (var r : vn.movepass.local.demo.DemoData.living(2_000)) {
            String card = r.citizenId() + "||" + r.fullName() + "|" + r.dateOfBirth().format(java.time.format.DateTimeFormatter
                    .ofPattern("ddMMyyyy")) + "|" + (r.gender() == vn.movepass.shared.domain.Gender.MALE ? "Nam" : "Nữ")
                    + "|Quận 1|01072021";
            bodies.add(new byte[][]{body(card, "IN"), body(card, "OUT")});
        }
        AtomicLong calls = new AtomicLong();
        Op pair = () -> {
            byte[][] b = bodies.get((int) (calls.getAndIncrement() % bodies.size()));
            BenchWorld.expect(201, gateway.invoke("POST", "/v1/venues/BENCH-V1/check-ins", null, BenchWorld.JSON, b[0], phone),
                    "venue IN");
            BenchWorld.expect(201, gateway.invoke("POST", "/v1/venues/BENCH-V1/check-ins", null, BenchWorld.JSON, b[1], phone),
                    "venue OUT");
        };
        List<SdkRequest> made = recorder.recorded(pair);
        return new Pair("venue check-in IN + OUT (handler)", pair, () -> keys.replay(made), 1.3,
                "the SDK requests one IN and its OUT made, replayed (puts, updates and the delete under fresh keys): "
                        + names(made));
    }

    /**
     * A citizen books a vaccination slot and cancels it (so every call books, over 2,000 residents and a site whose slots
     * never fill: each booking is cancelled again) next to the SDK calls the handler made for one such pair, replayed:
     * the site, slot, window and health read, the registry's, and the two transactions (lock, slot +1, appointment and
     * the day's counter; the cancellation's status, slot -1, unlock and counter) under fresh keys.
     */
    private static Pair booking(BenchWorld world, Recorder recorder, Keys keys) throws Exception {
        var gateway = world.runtime.gateway();
        Map<String, String> official = Map.of("sub", "bench-health", "role", "HEALTH_OFFICIAL", "province_code", "79");
        BenchWorld.expect(201, gateway.invoke("POST", "/v1/vaccination-sites", null, BenchWorld.JSON, vn.movepass.shared.json.Json
                .write(Map.of("siteId", "BENCH-VX", "name", "Điểm tiêm", "wardCode", "26734", "address", "1 Lê Lợi", "slotMinutes",
                        60, "capacityPerSlot", 1_000, "opens", "07:00", "closes", "19:00"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), official), "site");
        java.time.Instant slot = vn.movepass.shared.domain.Times.vietnamDate(world.runtime.clock().instant()).plusDays(1)
                .atTime(9, 0).atZone(vn.movepass.shared.domain.Times.VIETNAM).toInstant();
        List<byte[]> bodies = vn.movepass.local.demo.DemoData.living(2_000).stream().map(r -> BookingBench.body(r, slot)).toList();
        AtomicLong calls = new AtomicLong();
        Op pair = () -> {
            byte[] b = bodies.get((int) (calls.getAndIncrement() % bodies.size()));
            var booked = BenchWorld.expect(201, gateway.invoke("POST", "/v1/vaccination-appointments", null, BenchWorld.JSON, b,
                    null), "booking");
            String id = vn.movepass.shared.json.Json.readTree(booked.getBody()).get("appointmentId").asText();
            BenchWorld.expect(200, gateway.invoke("DELETE", "/v1/vaccination-appointments/" + id, null, Map.of(), new byte[0],
                    null), "cancellation");
        };
        List<SdkRequest> made = recorder.recorded(pair);
        return new Pair("vaccination booking + cancellation (handler)", pair, () -> keys.replay(made), 1.3,
                "the SDK requests one booking and its cancellation made, replayed (under fresh keys): "
                        + names(made));
    }

    private static byte[] body(String code, String direction) {
        return vn.movepass.shared.json.Json.write(Map.of("code", code, "direction", direction))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Fresh keys for replayed conditional puts: the last key attribute (the sort key, else the partition key) gets a suffix. */
    static final class Keys {
        private final DynamoDbClient dynamo;
        private final Map<String, String> lastKey = new ConcurrentHashMap<>();
        private final AtomicLong serial = new AtomicLong();

        Keys(DynamoDbClient dynamo) {
            this.dynamo = dynamo;
        }

        /** Makes the same SDK calls again (conditional puts under fresh keys). */
        void replay(List<SdkRequest> requests) {
            for (SdkRequest r : requests) {
                if (r instanceof GetItemRequest get) {
                    dynamo.getItem(get);
                } else if (r instanceof BatchGetItemRequest batch) {
                    dynamo.batchGetItem(batch);
                } else if (r instanceof QueryRequest query) {
                    dynamo.query(query);
                } else if (r instanceof TransactWriteItemsRequest write) {
                    dynamo.transactWriteItems(fresh(write));
                } else {
                    throw new IllegalArgumentException("no replay of " + r.getClass().getSimpleName());
                }
            }
        }

        TransactWriteItemsRequest fresh(TransactWriteItemsRequest template) {
            List<TransactWriteItem> items = new ArrayList<>(template.transactItems().size());
            for (TransactWriteItem item : template.transactItems()) {
                if (item.put() != null) {
                    items.add(item.toBuilder().put(fresh(item.put())).build());
                } else if (item.delete() != null && item.delete().conditionExpression() != null) {
                    // a conditional delete (a venue presence): the same delete of a fresh key, which needs no condition
                    var d = item.delete();
                    items.add(item.toBuilder().delete(d.toBuilder().key(freshItem(d.tableName(), d.key())).conditionExpression(null)
                            .expressionAttributeValues(null).build()).build());
                } else if (item.update() != null && item.update().conditionExpression() != null) {
                    // a versioned update (a health status): the same update of a fresh item, without its condition
                    var u = item.update();
                    var names = u.hasExpressionAttributeNames() ? usedOnly(u.expressionAttributeNames(), u.updateExpression()) : null;
                    items.add(item.toBuilder().update(u.toBuilder().key(freshItem(u.tableName(), u.key()))
                            .conditionExpression(null).expressionAttributeNames(names == null || names.isEmpty() ? null : names)
                            .expressionAttributeValues(usedOnly(u.expressionAttributeValues(), u.updateExpression()))
                            .build()).build());
                } else {
                    items.add(item);
                }
            }
            return template.toBuilder().transactItems(items).build();
        }

        /** What the update expression itself names (the condition's own names and values go with the condition). */
        private static <V> Map<String, V> usedOnly(Map<String, V> named, String expression) {
            Map<String, V> copy = new HashMap<>();
            named.forEach((k, v) -> {
                if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(k) + "(?![A-Za-z0-9_])").matcher(expression).find()) {
                    copy.put(k, v);
                }
            });
            return copy;
        }

        Put fresh(Put put) {
            return put.toBuilder().item(freshItem(put.tableName(), put.item())).build();
        }

        PutItemRequest freshPut(Put put) {
            PutItemRequest.Builder b = PutItemRequest.builder().tableName(put.tableName())
                    .item(freshItem(put.tableName(), put.item())).conditionExpression(put.conditionExpression());
            if (put.hasExpressionAttributeNames()) {
                b.expressionAttributeNames(put.expressionAttributeNames());
            }
            return b.build();
        }

        private Map<String, AttributeValue> freshItem(String table, Map<String, AttributeValue> item) {
            String key = lastKey.computeIfAbsent(table, t -> {
                List<KeySchemaElement> schema = dynamo.describeTable(r -> r.tableName(t)).table().keySchema();
                return schema.stream().filter(k -> k.keyType() == KeyType.RANGE).findFirst().orElse(schema.get(0))
                        .attributeName();
            });
            Map<String, AttributeValue> copy = new HashMap<>(item);
            copy.put(key, AttributeValue.fromS(item.get(key).s() + "~" + serial.incrementAndGet()));
            return copy;
        }
    }

    private static final Map<EncodeHintType, Object> ZXING_HINTS = Map.of(EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QrRenderer.QUIET_ZONE, EncodeHintType.CHARACTER_SET, "UTF-8");

    static byte[] zxingPng(String text, int size) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, ZXING_HINTS);
        BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                image.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    static String zxingSvg(String text) throws Exception {
        ByteMatrix m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        int q = QrRenderer.QUIET_ZONE;
        int total = m.getWidth() + 2 * q;
        StringBuilder svg = new StringBuilder(32_768).append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(total).append(' ').append(total).append("\"><path d=\"");
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y) == 1) {
                    svg.append('M').append(x + q).append(' ').append(y + q).append("h1v1h-1z");
                }
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    private static Figures figures(Pair p, int rounds, long slice, ExecutorService pool) throws Exception {
        for (long warm = System.nanoTime() + 2 * slice; System.nanoTime() < warm; ) {
            p.ours().run();
            p.bare().run();
        }
        List<Double> ours = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double o;
            double b;
            if (r % 2 == 0) {
                o = msPerOp(p.ours(), slice);
                b = msPerOp(p.bare(), slice);
            } else {
                b = msPerOp(p.bare(), slice);
                o = msPerOp(p.ours(), slice);
            }
            ours.add(o);
            bare.add(b);
            ratios.add(o / b);
        }
        if (PRINT_ROUNDS) {
            System.out.printf(Locale.ROOT, "  %s, ms per round: ours %s, bare %s%n", p.name(), ours, bare);
        }
        List<Double> oursScaling = new ArrayList<>();
        List<Double> bareScaling = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            oursScaling.add(throughput(p.ours(), 2, slice, pool) / throughput(p.ours(), 1, slice, pool));
            bareScaling.add(throughput(p.bare(), 2, slice, pool) / throughput(p.bare(), 1, slice, pool));
        }
        return new Figures(p, median(ours), median(bare), median(ratios), median(oursScaling), median(bareScaling));
    }

    /** Mean milliseconds of one operation, running it for a slice of time (at most 100,000 times). */
    private static double msPerOp(Op op, long slice) throws Exception {
        long start = System.nanoTime();
        long end = start + slice;
        long n = 0;
        while (n < 100_000 && (n == 0 || System.nanoTime() < end)) {
            op.run();
            n++;
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    /** Operations per second on {@code threads} threads for a slice of time. */
    private static double throughput(Op op, int threads, long slice, ExecutorService pool) throws Exception {
        long start = System.nanoTime();
        long end = start + slice;
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (n < 100_000 && System.nanoTime() < end) {
                    op.run();
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
