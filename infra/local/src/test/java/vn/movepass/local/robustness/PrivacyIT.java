package vn.movepass.local.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.QrText;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.identity.Names;
import vn.movepass.shared.json.Json;

/**
 * The whole flow (declare, pass, QR, scans by token, short code and chip-ID card, confirmation, a case and its
 * tracing, feed, report, export, and refusals that echo nothing back into a log) while every line written to
 * System.out and System.err is captured — which is where the project's logging (SLF4J, slf4j-simple locally; Lambda
 * sends stdout/stderr to CloudWatch) writes. No line may contain a citizen id, a full name (as typed, or without its
 * diacritics), a phone number, an address or a plate used in the flow. The fan-out runs under SQS and DynamoDB faults,
 * so the warning paths log too.
 */
@FreshRuntime("captures every line the JVM logs, under faults injected into the SDK clients")
class PrivacyIT {
    static final String PHONE = "0987654321";
    static final String ADDRESS = "27 Ngõ Bí Mật";
    static final String OVERRIDE = "Chở Phạm Thị Dung đi cấp cứu";
    static final String DESTINATION = "8 Phố Kín Đáo";
    static final String PLATE = "51F-987.65";
    static final String EMAIL = "an.nguyen@example.vn";
    /** Vehicles and shippers (issue 20): a green-lane truck's plate. */
    static final String TRUCK = "51C-246.80";

    /** Writes to the stream it wraps and to the capture. */
    static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream capture;

        Tee(OutputStream original, ByteArrayOutputStream capture) {
            this.original = original;
            this.capture = capture;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (capture) {
                capture.write(b, off, len);
            }
            original.write(b, off, len);
        }
    }

    @Test
    void noLogLineNamesACitizen() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        try {
            flow();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log;
        synchronized (captured) {
            log = captured.toString(StandardCharsets.UTF_8);
        }
        assertTrue(log.contains("MovePass local runtime up"), "the runtime's own log lines were captured");
        List<String> secrets = new ArrayList<>(List.of(Registry.AN, Registry.BINH, Registry.DUNG, PHONE, EMAIL, PLATE,
                PLATE.replaceAll("[^0-9A-Z]", "")));
        secrets.addAll(List.of(TRUCK, TRUCK.replaceAll("[^0-9A-Z]", ""))); // vehicles and shippers (issue 20)
        secrets.add("+84" + PHONE.substring(1)); // the phone as a notice's SMS is addressed (issue 20)
        for (String text : List.of("Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung", ADDRESS, DESTINATION, OVERRIDE)) {
            secrets.add(text);
            secrets.add(Normalizer.normalize(text, Normalizer.Form.NFD));
            secrets.add(Names.matchKey(text));
        }
        List<String> leaks = new ArrayList<>();
        for (String line : log.split("\\R")) {
            String folded = line.toLowerCase(Locale.ROOT);
            for (String secret : secrets) {
                if (folded.contains(secret.toLowerCase(Locale.ROOT))) {
                    leaks.add(secret + " in: " + line);
                }
            }
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " log lines name a citizen:\n" + String.join("\n", leaks.subList(0,
                Math.min(20, leaks.size()))));
        System.out.println("privacy: " + log.split("\\R").length + " log lines checked for " + secrets.size() + " personal values");
    }

    private static void flow() {
        FaultsIT.Faults dynamo = FaultsIT.Faults.dynamo(FaultsIT.SEED + 4).on("sqs-", 0.01);
        FaultsIT.Faults sqs = FaultsIT.Faults.sqs(FaultsIT.SEED + 5).on("sqs-", 0.01);
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(FaultsIT.VISIBILITY)
                .withDynamoInterceptors(List.of(dynamo)).withSqsInterceptors(List.of(sqs))))) {
            Registry.load(api);
            String officer = api.officer("CP-A");
            JsonNode an = declare(api, api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"));
            JsonNode binh = declare(api, api.declaration(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE"));
            String passId = an.get("pass").get("passId").asText();
            assertEquals(200, api.get("/v1/passes/" + passId).status());
            assertEquals(200, api.get("/v1/passes/" + passId + "/qr.png?size=256").status());
            assertEquals(200, api.get("/v1/passes/" + passId + "/qr.svg").status());
            assertEquals(200, api.get("/v1/passes/" + passId + "/audit").status());
            String card = Registry.AN + "||Nguyễn Văn An|17051990|Nam|" + ADDRESS + "|01072021";
            for (String code : List.of(an.get("pass").get("shortCode").asText(), card)) {
                assertEquals("VALID", scan(api, officer, code, false).get("verdict").asText());
            }
            JsonNode scan = scan(api, officer, an.get("pass").get("token").asText(), false);
            assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", scan.get("scanId").asText(),
                    "direction", "IN", "decision", "ALLOWED", "vehiclePlate", PLATE), officer).status());
            scan(api, officer, binh.get("pass").get("token").asText(), true);
            Map<String, Object> offline = Map.of("token", an.get("pass").get("token").asText(), "at",
                    Times.iso(api.now().minusSeconds(120)), "direction", "OUT", "decision", "ALLOWED", "confirmationId",
                    "privacy-offline-0001");
            assertEquals(201, api.post("/v1/checkpoints/CP-A/offline-passages", offline, officer).status());
            assertEquals(200, api.post("/v1/checkpoints/CP-A/offline-passages", offline, officer).status());

            // the card as the pass (province policy), and a RED holder let through with the officer's reason
            assertEquals(200, api.send("PUT", "/v1/admin/provinces/79/policy", "application/json",
                    "{\"cardOnly\":true,\"requireCompleteVaccination\":true}".getBytes(StandardCharsets.UTF_8), api.admin()).status());
            JsonNode cardOnly = scan(api, officer, Registry.DUNG + "||Phạm Thị Dung|04042003|Nữ|" + ADDRESS + "|01072021", false);
            assertEquals("CARD_ONLY", cardOnly.get("verdict").asText());
            assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", cardOnly.get("scanId").asText(),
                    "direction", "IN", "decision", "ALLOWED"), officer).status());
            api.runtime.dynamo().putItem(b -> b.tableName(api.runtime.provisioned().tableName("HealthTable")).item(Map.of(
                    "pk", AttributeValue.fromS(Registry.DUNG), "sk", AttributeValue.fromS("STATUS"), "version", AttributeValue.fromN("1"),
                    "health", AttributeValue.fromS(new HealthSnapshot(List.of(new Phase("F0", HealthState.ISOLATING,
                            api.now().minus(Duration.ofDays(1)), null)), null, null).encode()))));
            JsonNode red = scan(api, officer, Registry.DUNG + "||Phạm Thị Dung|04042003|Nữ|" + ADDRESS + "|01072021", false);
            assertEquals("TURN_BACK", red.get("advice").asText());
            assertEquals(400, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", red.get("scanId").asText(),
                    "direction", "IN", "decision", "ALLOWED"), officer).status());
            assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", red.get("scanId").asText(),
                    "direction", "IN", "decision", "ALLOWED", "overrideReason", OVERRIDE), officer).status());
            assertEquals(200, api.get("/v1/admin/provinces/79/policy", api.admin()).status());
            // the offline health list of the province: keyed hashes only, audited per resident, no log line names anyone
            Api.Answer healthList = api.get("/v1/provinces/79/health-list", officer);
            assertEquals(200, healthList.status(), healthList.text());
            assertTrue(!healthList.text().contains(Registry.DUNG), "the list names nobody");

            greenLane(api, officer);

            // refusals and misses, which must not echo what they were sent into a log line either
            ObjectNode wrong = api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE");
            wrong.put("phone", PHONE + "x").put("consent", false);
            assertEquals(400, api.post("/v1/declarations", wrong, null).status());
            assertEquals(404, api.get("/v1/passes/" + Registry.AN).status());

            // a venue (issue 20): An by card, Bình by her pass, who is inside, Bình out; the case below finds her there
            // too, and tells her by SMS (the outbox holds her phone: answers only, never a log line)
            String police26734 = api.token("WARD_POLICE", "police-venue-privacy", "wardCode", "26734");
            assertEquals(201, api.post("/v1/admin/venues", Map.of("venueId", "V-PRIVACY", "name", "Co.opmart", "type",
                    "SUPERMARKET", "wardCode", "26734", "address", "1 Lê Lợi"), police26734).status());
            String venue = api.token("VENUE_OPERATOR", "venue-privacy", "venueId", "V-PRIVACY");
            assertEquals(201, api.post("/v1/venues/V-PRIVACY/check-ins", Map.of("code", card, "direction", "IN"), venue).status());
            assertEquals(201, api.post("/v1/venues/V-PRIVACY/check-ins", Map.of("code", binh.get("pass").get("token").asText(),
                    "direction", "IN"), venue).status());
            assertEquals(200, api.get("/v1/venues/V-PRIVACY/inside", venue).status());
            assertEquals(201, api.post("/v1/check-ins", Map.of("passId", binh.get("pass").get("passId").asText(), "venueCode",
                    QrText.poster(api, "V-PRIVACY"), "direction", "OUT"), null).status());

            TraceWorld world = new TraceWorld(api);
            String caseId = world.open(Registry.AN, api.now());
            world.awaitComplete(caseId, Duration.ofSeconds(90));
            assertEquals("F1", world.status(Registry.BINH), "Bình passed CP-A with An");
            String health = world.health();
            assertEquals(200, api.get("/v1/citizens/" + Registry.AN + "/movements", health).status());
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)));
            assertEquals(200, api.get("/dev/outbox").status());
            String police = api.token("WARD_POLICE", "police-privacy", "wardCode", "26734");
            String today = api.today().toString();
            assertEquals(200, api.get("/v1/wards/26734/feed?date=" + today, police).status());
            assertEquals(200, api.get("/v1/reports/daily?date=" + today + "&unit=ward:26734", police).status());
            // health status: an event, a resident's health and history, the ward's list (names and ids in answers only)
            ObjectNode event = Json.object().put("type", "CLASSIFIED").put("level", "F2")
                    .put("at", Times.iso(api.now().minusSeconds(60)));
            int recorded = 0;
            for (int attempt = 0; attempt < 5 && recorded != 201 && recorded != 200; attempt++) {
                recorded = api.send("POST", "/v1/citizens/" + Registry.DUC + "/health-events", "application/json",
                        Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8), police,
                        Map.of("Idempotency-Key", "privacy-1")).status();
            }
            assertTrue(recorded == 201 || recorded == 200, "health event: " + recorded);
            // a vaccine dose (retried as a vaccinator's phone would: the same dose again is the same record)
            String vaccinator = api.token("VACCINATOR", "vaccinator-privacy", "siteId", "VX-PRIVACY");
            ObjectNode dose = Json.object().put("citizenId", Registry.DUC).put("fullName", "Đặng Văn Đức")
                    .put("dateOfBirth", "1988-06-06").put("product", "AZ").put("doseNumber", 1)
                    .put("administeredAt", Times.iso(api.now().minusSeconds(600))).put("lot", "AZ-PRIV-1").put("siteId", "VX-PRIVACY");
            int vaccinated = 0;
            for (int attempt = 0; attempt < 5 && vaccinated != 201 && vaccinated != 200; attempt++) {
                vaccinated = api.post("/v1/vaccinations", dose, vaccinator).status();
            }
            assertTrue(vaccinated == 201 || vaccinated == 200, "vaccination: " + vaccinated);
            // a vaccination campaign: a site, a booking (with the phone), the check-in at the site, a cancellation
            api.post("/v1/vaccination-sites", Map.of("siteId", "VX-PRIVACY", "name", "Trạm tiêm", "wardCode", "26734",
                    "address", "1 Lê Lợi", "slotMinutes", 30, "capacityPerSlot", 10, "opens", "07:30", "closes", "17:00"), health);
            String slot = api.today().plusDays(1).atTime(9, 0).atZone(Times.VIETNAM).toInstant().toString();
            Map<String, Object> booking = Map.of("citizenId", Registry.BINH, "fullName", "Trần Thị Bình", "dateOfBirth",
                    "1995-02-01", "gender", "FEMALE", "phone", PHONE, "priorityGroup", "OTHER", "siteId", "VX-PRIVACY",
                    "slotStart", slot);
            Api.Answer booked = null;
            for (int attempt = 0; attempt < 5 && (booked == null || booked.status() == 503); attempt++) {
                booked = api.post("/v1/vaccination-appointments", booking, null);
            }
            if (booked.status() == 201 && booked.json().hasNonNull("appointmentId")) {
                String appointmentId = booked.json().get("appointmentId").asText();
                api.post("/v1/vaccination-sites/VX-PRIVACY/check-ins", Map.of("code", "MPA1:" + appointmentId), vaccinator);
                api.send("DELETE", "/v1/vaccination-appointments/" + appointmentId, null, new byte[0], null);
            }
            // Đức's certificate (he has a dose), scanned at the checkpoint: his name on it, never in a log line
            Api.Answer certificate = api.post("/v1/vaccination-certificates", Map.of("citizenId", Registry.DUC, "fullName",
                    "Đặng Văn Đức", "dateOfBirth", "1988-06-06"), null);
            if (certificate.status() == 201 && certificate.json().hasNonNull("token")) {
                scan(api, officer, certificate.json().get("token").asText(), false);
            }
            assertEquals(200, api.get("/v1/citizens/" + Registry.DUC + "/health", police).status());
            assertEquals(200, api.get("/v1/wards/26734/health", police).status());
            // ---- policy support (issue 19): a case, a refused one, an import (with a refused line), a payment and its
            // reversal, the ward's list, a case's history and the report, retried under the faults as an official would
            String commune = api.token("COMMUNE_OFFICIAL", "commune-privacy", "wardCode", "26734");
            Map<String, Object> supportCase = Map.of("citizenId", Registry.BINH, "fullName", "Trần Thị Bình", "dateOfBirth",
                    "1995-02-01", "gender", "FEMALE", "policyId", "FREELANCE_WORKER", "residence", "STRANDED", "note", ADDRESS);
            Api.Answer entered = null;
            for (int attempt = 0; attempt < 5 && (entered == null || entered.status() == 503); attempt++) {
                entered = api.post("/v1/wards/26734/support-cases", supportCase, commune);
            }
            assertTrue(entered.status() == 201 || entered.status() == 409, "support case: " + entered.text());
            assertEquals(400, api.post("/v1/wards/26734/support-cases", Map.of("citizenId", Registry.AN, "fullName", "Nguyễn Văn Sai",
                    "dateOfBirth", "1990-05-17", "gender", "MALE", "policyId", "TOUR_GUIDE", "residence", "PERMANENT"), commune).status());
            String csv = "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note\n"
                    + Registry.AN + ",Nguyễn Văn An,1990-05-17,MALE,TOUR_GUIDE,PERMANENT,,,\n"
                    + Registry.DUNG + ",Phạm Thị Dung,2003-04-04,FEMALE,NO_SUCH,PERMANENT,,,\n";
            for (int attempt = 0; attempt < 5; attempt++) {
                if (api.send("POST", "/v1/wards/26734/support-cases/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8), commune)
                        .status() == 200) {
                    break;
                }
            }
            String supportId = vn.movepass.shared.support.SupportService.caseId("26734", Registry.AN,
                    vn.movepass.shared.support.SupportPolicy.TOUR_GUIDE);
            Map<String, Object> payment = Map.of("amountVnd", 3_710_000, "paidAt", Times.iso(api.now().minusSeconds(60)),
                    "method", "BANK_TRANSFER", "reference", "PRIV-1");
            for (int attempt = 0; attempt < 5; attempt++) {
                if (api.post("/v1/support-cases/" + supportId + "/payments", payment, commune).status() != 503) {
                    break;
                }
            }
            api.post("/v1/support-cases/" + supportId + "/payments/reversal", Map.of("reason", "privacy"), commune);
            api.get("/v1/support-cases/" + supportId, commune);
            api.get("/v1/wards/26734/support-cases?status=PENDING", commune);
            api.get("/v1/reports/support?unit=ward:26734", commune);
            assertEquals(200, api.post("/dev/schedules/ExportSchedule/run", Map.of("date", today), null).status());
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)));
            System.out.println("privacy flow at " + Times.iso(api.now()) + " under faults: DynamoDB " + dynamo.summary()
                    + "; SQS " + sqs.summary());
        }
    }

    /**
     * Vehicles and shippers (issue 20): a green-lane permit driven by An, its scan (with health) confirmed as a passage,
     * a depot check by the police of the route's first ward, and Bình as a shipper, scanned by card and confirmed.
     */
    private static void greenLane(Api api, String officer) {
        String health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        ObjectNode permit = Json.object().put("plate", TRUCK);
        permit.putObject("operator").put("name", "Công ty TNHH Vận tải Sài Gòn").put("taxCode", "0301234567");
        permit.putArray("routeWards").add("26734").add("00001");
        permit.putArray("drivers").add(Registry.AN);
        permit.put("validUntil", Times.iso(api.now().plus(Duration.ofDays(3))));
        Api.Answer registered = api.post("/v1/green-lane/permits", permit, health79);
        assertEquals(201, registered.status(), registered.text());
        String token = registered.json().get("token").asText();
        assertEquals(201, api.post("/v1/green-lane/driver-tests", Map.of("citizenId", Registry.AN, "method", "RT_PCR", "result",
                "NEGATIVE", "sampledAt", Times.iso(api.now().minusSeconds(3_600))), health79).status());
        String card = Registry.AN + "||Nguyễn Văn An|17051990|Nam|" + ADDRESS + "|01072021";
        Api.Answer vehicle = api.post("/v1/checkpoints/CP-A/vehicle-scans", Map.of("code", token, "driverCard", card), officer);
        assertEquals("VALID", vehicle.json().get("verdict").asText(), vehicle.text());
        assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", vehicle.json().get("scanId").asText(),
                "direction", "OUT", "decision", "ALLOWED"), officer).status());
        String depotPolice = api.token("WARD_POLICE", "police-depot", "wardCode", "26734");
        assertEquals(200, api.post("/v1/wards/26734/depot-checks", Map.of("code", token, "driverCitizenId", Registry.AN),
                depotPolice).status());
        assertEquals(403, api.post("/v1/wards/00001/depot-checks", Map.of("code", token, "driverCitizenId", Registry.AN),
                api.token("WARD_POLICE", "police-hn", "wardCode", "00001")).status());
        ObjectNode shipper = Json.object().put("citizenId", Registry.BINH);
        shipper.putObject("company").put("name", "Công ty CP Giao hàng Nhanh").put("taxCode", "0311907295");
        shipper.putArray("operatingWards").add("26734");
        shipper.put("validUntil", Times.iso(api.now().plus(Duration.ofDays(3))));
        assertEquals(201, api.post("/v1/green-lane/shippers", shipper, health79).status());
        Api.Answer scanned = api.post("/v1/checkpoints/CP-A/shipper-scans", Map.of("code",
                Registry.BINH + "||Trần Thị Bình|01021995|Nữ|" + ADDRESS + "|01072021"), officer);
        assertEquals("ACTIVE", scanned.json().get("status").asText(), scanned.text());
        assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", scanned.json().get("scanId").asText(),
                "direction", "IN", "decision", "ALLOWED", "vehiclePlate", TRUCK), officer).status());
    }

    private static JsonNode declare(Api api, ObjectNode body) {
        body.put("phone", PHONE).put("email", EMAIL);
        ((ObjectNode) body.get("residence")).put("address", ADDRESS);
        ((ObjectNode) body.get("origin")).put("address", ADDRESS);
        ((ObjectNode) body.get("destination")).put("address", DESTINATION);
        ((ObjectNode) body.get("vehicle")).put("plate", PLATE);
        Api.Answer a = api.post("/v1/declarations", body, null);
        assertEquals(201, a.status(), a.text());
        assertEquals("ACCEPTED", a.json().get("status").asText());
        return a.json();
    }

    private static JsonNode scan(Api api, String officer, String code, boolean record) {
        Api.Answer a = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", code, "direction", "IN", "record", record), officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }
}
