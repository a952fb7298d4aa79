package vn.movepass.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.local.template.HttpEventDef;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * The success events of {@code bench cold-start}: for each function, what it is asked in production on a normal day,
 * with the data it needs seeded in the bench's in-memory runtime first (through the runtime's own handlers, as a
 * user would): an ACCEPTED declaration of a registry resident, a GET of an existing pass, a VALID scan of a real pass
 * token, a booking, a venue check-in, the trace step, contact probe and notice of a real case (the messages the
 * runtime's functions queued, diverted by {@link Capture} before the runtime's pollers take them), reminders and
 * trace units due, an export of a day with passages. Every iteration gets an event of its own where the operation
 * writes (a fresh resident, a new case). Each event is a properties file {@link ColdStartProbe} reads.
 */
final class ColdStartEvents {
    static final String SCAN_CHECKPOINT = "CP-HCM-001";
    /** Where the tracing crowd passed, one after the other, so that each is the others' contact. */
    static final String CROWD_CHECKPOINT = "CP-HCM-002";
    static final String VENUE = "BENCH-COLD-V1";
    static final String SITE = "BENCH-COLD-VX";
    static final String FEED_WARD = "26734"; // DemoData's declarations leave from this ward
    static final int EXPORT_ROWS = 2_000;

    private final LocalRuntime runtime;
    private final Capture capture;
    private final Path dir;
    private final List<Resident> residents = DemoData.living(3_000);
    private final AtomicInteger next = new AtomicInteger(5);
    private final Map<String, String> health = Map.of("sub", "bench-health", "role", "HEALTH_OFFICIAL");
    private final Map<String, String> health79 = Map.of("sub", "bench-health-79", "role", "HEALTH_OFFICIAL", "province_code", "79");
    private final Map<String, String> admin = Map.of("sub", "bench-admin", "role", "ADMIN");
    private final Map<String, String> analyst = Map.of("sub", "bench-analyst", "role", "ANALYST");
    private final Map<String, String> police = Map.of("sub", "bench-police", "role", "WARD_POLICE", "ward_code", FEED_WARD);
    private final Map<String, String> venue = Map.of("sub", "bench-venue", "role", "VENUE_OPERATOR", "venue_id", VENUE);
    private final String today;
    /** What one function's events share (a pass, a case…), made on its first event. */
    private final Map<String, Object> shared = new HashMap<>();
    private final List<Resident> crowd = new ArrayList<>();
    private int crowdNext;

    ColdStartEvents(LocalRuntime runtime, Capture capture, Path dir) {
        this.runtime = runtime;
        this.capture = capture;
        this.dir = dir;
        this.today = Times.vietnamDate(runtime.clock().instant()).toString();
    }

    /** The runtime's options with the capture on its SQS client (the functions' messages pass through it). */
    static LocalRuntime.Options options(Capture capture) {
        return LocalRuntime.Options.inMemory().withPort(0).withSqsInterceptors(List.of(capture));
    }

    /** The environment a function needs beyond the template's, for its event to be the one described. */
    static Map<String, String> environment(String function) {
        Map<String, String> env = new LinkedHashMap<>();
        if (function.equals("TraceSweeperFunction")) {
            env.put("TRACE_SWEEP_AFTER_MINUTES", "0"); // the units opened just before are the ones due
        }
        return env;
    }

    /** Iteration {@code i}'s event for {@code function}, written to a file; what it is, in a few words. */
    Event prepare(String function, TemplateModel model, int i) throws IOException {
        Properties e = switch (function) {
            case "DeclarationSubmitFunction" -> http(model, function, "POST", "/v1/declarations", null,
                    DemoData.declaration(fresh(), LocalDate.parse(tomorrow())), null, "\"passId\"");
            case "PassesFunction" -> http(model, function, "GET", "/v1/passes/" + pass("passes").get("passId").asText(), null,
                    null, null, "\"status\"");
            case "CheckpointScanFunction" -> http(model, function, "POST", "/v1/checkpoints/" + SCAN_CHECKPOINT + "/scans", null,
                    Map.of("code", pass("scan").get("token").asText(), "direction", "IN", "record", false),
                    officer(SCAN_CHECKPOINT), "\"VALID\"");
            case "AdminFunction" -> http(model, function, "GET", "/v1/admin/checkpoints", null, null, admin, SCAN_CHECKPOINT);
            case "CasesFunction" -> http(model, function, "GET", "/v1/cases/" + caseOf(), null, null, health, "\"caseId\"");
            case "HealthFunction" -> http(model, function, "GET", "/v1/citizens/" + healthHolder() + "/health", null, null, health,
                    "F2");
            case "VaccinationCampaignsFunction" -> http(model, function, "POST", "/v1/vaccination-appointments", null,
                    booking(fresh()), null, "\"appointmentId\"");
            case "TracePassagesFunction" -> sqs(openCase(Set.of("TraceRequestsQueue")));
            case "ContactProbeFunction" -> sqs(openCase(Set.of("ContactProbesQueue")).subList(0, 1)); // one passage's probe
            case "NotifyFunction" -> sqs(openCase(Set.of("NoticesQueue")));
            case "VenuesFunction" -> http(model, function, "POST", "/v1/venues/" + venue() + "/check-ins", null,
                    Map.of("code", CapacityBench.World.card(fresh()), "direction", "IN"), venue, "\"verdict\":\"VALID\"");
            case "ReminderFunction" -> map(Map.of(), reminderDue(), "(^|[^y])sent=[1-9]");
            case "SupportFunction" -> http(model, function, "GET", "/v1/wards/" + supportWard() + "/support-cases", null, null,
                    commune(supportWard()), "\"supportCaseId\"");
            case "WardFeedFunction" -> http(model, function, "GET", "/v1/wards/" + FEED_WARD + "/feed", "date=" + today, null,
                    feed(), "\"items\"");
            case "ReportsFunction" -> http(model, function, "GET", "/v1/reports/daily", "date=" + today + "&unit=province:79",
                    null, analyst, "\"declarations\"");
            case "ExportFunction" -> map(Map.of("date", exportDay()), null, "rows=[1-9]");
            case "TraceSweeperFunction" -> map(Map.of(), sweepDue(), "resent=[1-9]");
            case "GreenLaneFunction" -> http(model, function, "GET", "/v1/green-lane/permits/" + permit(), null, null, health79,
                    "\"plate\"");
            default -> null;
        };
        if (e == null) {
            return null;
        }
        Path file = dir.resolve(function + "-" + i + ".event");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            e.store(w, null);
        }
        return new Event(file, e.getProperty("what"));
    }

    /** An event file and what it is ("POST /v1/declarations", "SQS x2"…). */
    record Event(Path file, String what) {
    }

    // ---- the events

    private Properties http(TemplateModel model, String function, String method, String path, String query, Object body,
                            Map<String, String> claims, String expect) {
        String route = route(model, function, method, path);
        Properties e = new Properties();
        e.setProperty("kind", "http");
        e.setProperty("method", method);
        e.setProperty("route", route);
        e.setProperty("path", path);
        if (query != null) {
            e.setProperty("query", query);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                e.setProperty("query." + URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            e.setProperty("body", Json.write(body));
        }
        if (claims != null) {
            claims.forEach((k, v) -> e.setProperty("claim." + k, v));
        }
        String[] routeParts = route.split("/");
        String[] pathParts = path.split("/");
        for (int i = 0; i < routeParts.length; i++) {
            if (routeParts[i].startsWith("{")) {
                e.setProperty("param." + routeParts[i].replaceAll("[{}+]", ""), pathParts[i]);
            }
        }
        e.setProperty("expect", expect);
        e.setProperty("what", method + " " + route);
        return e;
    }

    /** The template's route of the function that {@code path} matches. */
    private static String route(TemplateModel model, String function, String method, String path) {
        for (var f : model.functions()) {
            if (!f.logicalId().equals(function)) {
                continue;
            }
            for (HttpEventDef h : f.httpEvents()) {
                if (h.method().equals(method) && path.matches(h.path().replaceAll("\\{[^}]+}", "[^/]+"))) {
                    return h.path();
                }
            }
        }
        throw new IllegalStateException(function + " has no route " + method + " " + path);
    }

    private static Properties sqs(List<String> bodies) {
        if (bodies.isEmpty()) {
            throw new IllegalStateException("no message was queued for the event");
        }
        Properties e = new Properties();
        e.setProperty("kind", "sqs");
        List<String> batch = bodies.subList(0, Math.min(10, bodies.size())); // the event source's batch size
        for (int i = 0; i < batch.size(); i++) {
            e.setProperty("body." + i, batch.get(i));
        }
        e.setProperty("what", "SQS, " + batch.size() + " message" + (batch.size() == 1 ? "" : "s"));
        return e;
    }

    private static Properties map(Map<String, String> input, String what, String expect) {
        Properties e = new Properties();
        e.setProperty("kind", "map");
        input.forEach((k, v) -> e.setProperty("in." + k, v));
        e.setProperty("expect", expect);
        e.setProperty("what", "schedule" + (what == null ? "" : ", " + what) + (input.isEmpty() ? "" : " " + input));
        return e;
    }

    // ---- the data they need

    private Resident fresh() {
        return residents.get(next.getAndIncrement());
    }

    private String tomorrow() {
        return LocalDate.parse(today).plusDays(1).toString();
    }

    private static Map<String, String> officer(String checkpoint) {
        return Map.of("sub", "bench-officer-" + checkpoint, "role", "CHECKPOINT_OFFICER", "checkpoint_id", checkpoint);
    }

    private static Map<String, String> commune(String ward) {
        return Map.of("sub", "commune-" + ward, "role", "COMMUNE_OFFICIAL", "ward_code", ward);
    }

    private JsonNode post(int status, String path, Object body, Map<String, String> claims, String what) {
        APIGatewayV2HTTPResponse r = runtime.gateway().invoke("POST", path, null, BenchWorld.JSON,
                Json.write(body).getBytes(StandardCharsets.UTF_8), claims);
        return Json.readTree(BenchWorld.expect(status, r, what).getBody());
    }

    private JsonNode declare(Resident r) {
        return post(201, "/v1/declarations", DemoData.declaration(r, LocalDate.parse(tomorrow())), null, "declaration").get("pass");
    }

    /** A pass of its own for {@code use}, made once. */
    private JsonNode pass(String use) {
        return (JsonNode) shared.computeIfAbsent("pass:" + use, k -> declare(fresh()));
    }

    private String caseOf() {
        return (String) shared.computeIfAbsent("case", k -> {
            String id = post(202, "/v1/cases", Map.of("citizenId", fresh().citizenId(), "classification", "F0", "detectedAt",
                    runtime.clock().instant().minusSeconds(60).toString()), health, "case").get("caseId").asText();
            awaitQueues();
            return id;
        });
    }

    private String healthHolder() {
        return (String) shared.computeIfAbsent("health", k -> {
            Resident r = fresh();
            declare(r);
            post(201, "/v1/citizens/" + r.citizenId() + "/health-events", Map.of("type", "CLASSIFIED", "level", "F2", "at",
                    runtime.clock().instant().toString()), health, "health event");
            return r.citizenId();
        });
    }

    private Instant slot() {
        return LocalDate.parse(today).plusDays(1).atTime(8, 0).atZone(Times.VIETNAM).toInstant();
    }

    private Map<String, Object> booking(Resident p) {
        shared.computeIfAbsent("site", k -> post(201, "/v1/vaccination-sites", Map.of("siteId", SITE, "name", "Trạm tiêm",
                "wardCode", "27457", "address", "1 Lê Lợi", "slotMinutes", 30, "capacityPerSlot", 100, "opens", "07:30", "closes",
                "17:00"), health79, "site"));
        return Map.of("citizenId", p.citizenId(), "fullName", p.fullName(), "dateOfBirth", p.dateOfBirth().toString(), "gender",
                p.gender().name(), "phone", "0901234567", "priorityGroup", "OTHER", "siteId", SITE, "slotStart", slot().toString());
    }

    private String venue() {
        shared.computeIfAbsent("venue", k -> post(201, "/v1/admin/venues", Map.of("venueId", VENUE, "name", "Co.opmart", "type",
                "SUPERMARKET", "wardCode", "27457", "address", "2 Lý Tự Trọng"), admin, "venue"));
        return VENUE;
    }

    /**
     * A case (F0) of the next of a crowd that passed one checkpoint minutes apart (so each has the others as contacts),
     * with the messages sent to {@code queues} while it is opened and traced diverted: they are the event.
     */
    private List<String> openCase(Set<String> queues) {
        if (crowd.isEmpty()) {
            for (int n = 0; n < 30; n++) { // a case per iteration of four functions (and their training runs) at 5 iterations
                Resident r = fresh();
                JsonNode pass = declare(r);
                post(200, "/v1/checkpoints/" + CROWD_CHECKPOINT + "/scans", Map.of("code", pass.get("token").asText(), "direction", "IN",
                        "record", true), officer(CROWD_CHECKPOINT), "crowd scan");
                crowd.add(r);
            }
        }
        Resident r = crowd.get(crowdNext++ % crowd.size());
        List<String> bodies = capture.during(queues, () -> {
            // detected now: the trace looks back from detectedAt, and the crowd passed moments ago
            post(202, "/v1/cases", Map.of("citizenId", r.citizenId(), "classification", "F0", "detectedAt",
                    runtime.clock().instant().toString()), health, "case");
            awaitQueues();
        });
        return bodies;
    }

    private void awaitQueues() {
        if (!runtime.awaitQueuesIdle(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the runtime's queues did not drain");
        }
    }

    /** A second-dose reminder due today, PENDING, as a completed first dose leaves one; "1 due". */
    private String reminderDue() {
        Resident r = fresh();
        String table = runtime.provisioned().tableName("VaccinationTable");
        LocalDate due = LocalDate.parse(today);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("REMIND#" + due + "#" + Math.floorMod(r.citizenId().hashCode(), 8)));
        item.put("sk", AttributeValue.fromS(r.citizenId() + "#2"));
        item.put("phone", AttributeValue.fromS("0901234567"));
        item.put("doseNumber", AttributeValue.fromN("2"));
        item.put("product", AttributeValue.fromS("PFIZER"));
        item.put("due", AttributeValue.fromS(due.toString()));
        item.put("status", AttributeValue.fromS("PENDING"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(runtime.clock().instant().plus(Duration.ofDays(30)).getEpochSecond())));
        runtime.dynamo().putItem(b -> b.tableName(table).item(item));
        return "1 reminder due";
    }

    /** A trace unit left OPEN (its message lost: diverted here), which the sweeper, due at once, sends again. */
    private String sweepDue() {
        openCase(Set.of("TraceRequestsQueue"));
        return "1 open trace unit";
    }

    private String supportWard() {
        return (String) shared.computeIfAbsent("supportWard", k -> {
            Resident p = fresh();
            String ward = p.currentWardCode();
            post(201, "/v1/wards/" + ward + "/support-cases", Map.of("citizenId", p.citizenId(), "fullName", p.fullName(),
                    "dateOfBirth", p.dateOfBirth().toString(), "gender", p.gender().name(), "policyId", "FREELANCE_WORKER",
                    "residence", ward.equals(p.permanentWardCode()) ? "PERMANENT" : "TEMPORARY"), commune(ward), "support case");
            return ward;
        });
    }

    /** The police of the ward every bench declaration leaves from: its feed of today has their lines. */
    private Map<String, String> feed() {
        return police;
    }

    private String exportDay() {
        return (String) shared.computeIfAbsent("export", k -> {
            LocalDate day = LocalDate.parse(today).minusDays(1);
            for (int c = 0; c < ExportBench.CHECKPOINTS; c++) {
                post(201, "/v1/admin/checkpoints", Map.of("checkpointId", ExportBench.checkpoint(c), "name", "Chốt "
                        + ExportBench.checkpoint(c), "wardCode", ExportBench.WARD, "lat", 10.77, "lon", 106.70), admin, "checkpoint");
            }
            ExportBench.load(runtime, day, EXPORT_ROWS);
            return day.toString();
        });
    }

    private String permit() {
        return (String) shared.computeIfAbsent("permit", k -> {
            var b = Json.object().put("plate", "51C-999.99");
            b.putObject("operator").put("name", "Công ty TNHH Vận tải Sài Gòn").put("taxCode", "0301234567");
            b.putArray("routeWards").add("26734").add("26737").add("00001");
            b.putArray("drivers").add(fresh().citizenId());
            b.put("validUntil", Times.iso(runtime.clock().instant().plus(Duration.ofDays(7))));
            return post(201, "/v1/green-lane/permits", b, health79, "permit").get("permitId").asText();
        });
    }

    /**
     * Diverts what the runtime's functions send to some queues (by logical id) to a queue no one reads, and keeps the
     * bodies: the messages a function would have taken are then the event of that function's fresh JVM.
     */
    static final class Capture implements ExecutionInterceptor {
        private volatile Set<String> urls = Set.of();
        private volatile String sink;
        private final List<String> bodies = new CopyOnWriteArrayList<>();
        private LocalRuntime runtime;

        void attach(LocalRuntime r) {
            this.runtime = r;
            this.sink = r.sqs().createQueue(b -> b.queueName("bench-cold-start-diverted")).queueUrl();
        }

        synchronized List<String> during(Set<String> queues, Runnable work) {
            Set<String> u = new java.util.HashSet<>();
            runtime.provisioned().queues().forEach((id, info) -> {
                if (queues.contains(id)) {
                    u.add(info.url());
                }
            });
            if (u.size() != queues.size()) {
                throw new IllegalStateException("queues " + queues + " not all provisioned");
            }
            bodies.clear();
            urls = Set.copyOf(u);
            try {
                work.run();
            } finally {
                urls = Set.of();
            }
            return List.copyOf(bodies);
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            if (r instanceof SendMessageRequest m && urls.contains(m.queueUrl())) {
                bodies.add(m.messageBody());
                return m.toBuilder().queueUrl(sink).build();
            }
            if (r instanceof SendMessageBatchRequest m && urls.contains(m.queueUrl())) {
                m.entries().stream().map(SendMessageBatchRequestEntry::messageBody).forEach(bodies::add);
                return m.toBuilder().queueUrl(sink).build();
            }
            return r;
        }
    }
}
