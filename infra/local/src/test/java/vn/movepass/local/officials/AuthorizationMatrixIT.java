package vn.movepass.local.officials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.gateway.LocalIssuer;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.QrText;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.json.Json;

/**
 * Every endpoint × every role × own/foreign scope × no/expired/forged token: who gets in (not 401/403),
 * who is refused (403), and which tokens are not tokens at all (401).
 */
@SharedRuntime
class AuthorizationMatrixIT {
    /** A detection inside the 14-day look-back that POST /v1/cases now enforces. */
    static final String AN_HOUR_AGO = vn.movepass.shared.domain.Times.iso(java.time.Instant.now().minusSeconds(3600));
    static Api api;
    static Registry registry;
    static String passId;
    static String caseId;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();

    /** One endpoint: where, with what, for whom; {@code foreign} is the same call outside the caller's scope. */
    record Endpoint(String method, String path, String foreign, String contentType, String body, Set<String> roles,
                    Set<String> scoped) {
        Endpoint(String method, String path, String foreign, String contentType, String body, Set<String> roles) {
            this(method, path, foreign, contentType, body, roles, roles);
        }
    }

    static final String OFFICER = "CHECKPOINT_OFFICER";
    static final String POLICE = "WARD_POLICE";
    static final String HEALTH = "HEALTH_OFFICIAL";
    static final String HEALTH_NATIONAL = "HEALTH_OFFICIAL national";
    static final String ANALYST = "ANALYST";
    static final String ADMIN = "ADMIN";
    static final String VACCINATOR = "VACCINATOR";
    static final String VENUE = "VENUE_OPERATOR";
    // ---- policy support (issue 19)
    static final String COMMUNE = "COMMUNE_OFFICIAL";
    static String supportCaseA;
    static String supportCaseB;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        passId = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null)
                .json().get("pass").get("passId").asText();
        TOKENS.put(OFFICER, api.officer(registry.cpA));
        TOKENS.put(POLICE, api.token(POLICE, "police-" + registry.wardA, "wardCode", registry.wardA));
        TOKENS.put(HEALTH, api.token(HEALTH, "health-79", "provinceCode", "79"));
        TOKENS.put(HEALTH_NATIONAL, api.token(HEALTH, "health-vn", null, null));
        TOKENS.put(ANALYST, api.token(ANALYST, "analyst-1", null, null));
        TOKENS.put(ADMIN, api.admin());
        TOKENS.put(VACCINATOR, api.token(VACCINATOR, "vaccinator-matrix", "siteId", "VX-MATRIX"));
        for (String[] site : new String[][]{{"VX-MATRIX", registry.wardA}, {"VX-MATRIX-HN", registry.wardB}}) {
            String official = TOKENS.get(site[0].endsWith("HN") ? HEALTH_NATIONAL : HEALTH);
            api.post("/v1/vaccination-sites", site(site[0], site[1]), official);
        }
        TOKENS.put(VENUE, api.token(VENUE, "venue-matrix", "venueId", "V-MATRIX"));
        for (String[] venue : new String[][]{{"V-MATRIX", registry.wardA}, {"V-MATRIX-HN", registry.wardB}}) {
            api.post("/v1/admin/venues", Map.of("venueId", venue[0], "name", "Co.opmart", "type", "SUPERMARKET",
                    "wardCode", venue[1], "address", "1 Lê Lợi"), TOKENS.get(ADMIN));
        }
        caseId = api.post("/v1/cases", Map.of("citizenId", registry.binh, "classification", "F0",
                "detectedAt", AN_HOUR_AGO), TOKENS.get(HEALTH)).json().get("caseId").asText();
        // ---- policy support (issue 19): a commune official of ward A, a case in ward A and one in ward B
        TOKENS.put(COMMUNE, api.token(COMMUNE, "commune-" + registry.wardA, "wardCode", registry.wardA));
        String communeB = api.token(COMMUNE, "commune-" + registry.wardB, "wardCode", registry.wardB);
        supportCaseA = api.post("/v1/wards/" + registry.wardA + "/support-cases", Map.of("citizenId", registry.an, "fullName",
                "Nguyễn Văn An", "dateOfBirth", "1990-05-17", "gender", "MALE", "policyId", "TOUR_GUIDE", "residence", "PERMANENT"),
                TOKENS.get(COMMUNE)).json().get("supportCaseId").asText();
        supportCaseB = api.post("/v1/wards/" + registry.wardB + "/support-cases", Map.of("citizenId", registry.duc, "fullName",
                "Đặng Văn Đức", "dateOfBirth", "1988-06-06", "gender", "MALE", "policyId", "FREELANCE_WORKER", "residence", "STRANDED",
                "note", "kẹt lại Hà Nội"), communeB).json().get("supportCaseId").asText();
    }

    static Map<String, Object> site(String id, String ward) {
        return Map.of("siteId", id, "name", "Trạm tiêm", "wardCode", ward, "address", "1 Lê Lợi", "slotMinutes", 30,
                "capacityPerSlot", 10, "opens", "07:30", "closes", "17:00");
    }

    static List<Endpoint> endpoints() {
        String json = "application/json";
        String scan = Json.write(Map.of("code", "nonsense", "direction", "IN"));
        String passage = Json.write(Map.of("scanId", "x", "direction", "IN", "decision", "TURNED_BACK"));
        String declaration = api.declaration(registry.duc, "Đặng Văn Đức", "1988-06-06", "MALE").toString();
        String openCase = Json.write(Map.of("citizenId", registry.an, "classification", "F0", "detectedAt", AN_HOUR_AGO));
        Set<String> health = Set.of(HEALTH, HEALTH_NATIONAL);
        Set<String> revokers = Set.of(HEALTH, HEALTH_NATIONAL, ADMIN);
        List<Endpoint> list = new ArrayList<>();
        String cpA = "/v1/checkpoints/" + registry.cpA;
        String cpB = "/v1/checkpoints/" + registry.cpB;
        list.add(new Endpoint("POST", cpA + "/scans", cpB + "/scans", json, scan, Set.of(OFFICER)));
        list.add(new Endpoint("GET", cpA, cpB, null, null, Set.of(OFFICER)));
        list.add(new Endpoint("POST", cpA + "/passages", cpB + "/passages", json, passage, Set.of(OFFICER)));
        String offline = Json.write(Map.of("token", "nonsense", "at", "2021-08-20T10:00:00Z", "direction", "IN",
                "decision", "ALLOWED", "confirmationId", "matrix-confirmation"));
        list.add(new Endpoint("POST", cpA + "/offline-passages", cpB + "/offline-passages", json, offline, Set.of(OFFICER)));
        list.add(new Endpoint("POST", cpA + "/declarations", cpB + "/declarations", json, declaration,
                Set.of(OFFICER)));
        list.add(new Endpoint("POST", "/v1/cases", null, json, openCase, health));
        list.add(new Endpoint("GET", "/v1/cases/" + caseId, null, null, null, health));
        list.add(new Endpoint("GET", "/v1/citizens/" + registry.an + "/movements",
                "/v1/citizens/" + registry.cuongDeceased + "/movements", null, null, health));
        list.add(new Endpoint("GET", "/v1/citizens/" + registry.an + "/status",
                "/v1/citizens/" + registry.cuongDeceased + "/status", null, null, health));
        Set<String> healthOrPolice = Set.of(POLICE, HEALTH, HEALTH_NATIONAL);
        String event = Json.write(Map.of("type", "CLASSIFIED", "level", "F3", "at", api.now().minusSeconds(3_600).toString()));
        list.add(new Endpoint("POST", "/v1/citizens/" + registry.dung + "/health-events",
                "/v1/citizens/" + registry.cuongDeceased + "/health-events", json, event, healthOrPolice));
        list.add(new Endpoint("GET", "/v1/citizens/" + registry.dung + "/health",
                "/v1/citizens/" + registry.cuongDeceased + "/health", null, null, healthOrPolice));
        list.add(new Endpoint("GET", "/v1/wards/" + registry.wardA + "/health", "/v1/wards/" + registry.wardB + "/health",
                null, null, healthOrPolice));
        // a dose of a resident of province 79 at the vaccinator's site; the health official of 79 and the national one
        // may record it too (foreign scope: VaccinationsIT, since the site and the resident are in the body)
        String dose = Json.write(Map.of("citizenId", registry.emInconsistent, "fullName", "Hoàng Văn Em", "dateOfBirth",
                "1990-01-01", "product", "JANSSEN", "doseNumber", 1, "administeredAt", AN_HOUR_AGO, "lot", "J-1",
                "siteId", "VX-MATRIX"));
        list.add(new Endpoint("POST", "/v1/vaccinations", null, json, dose, Set.of(VACCINATOR, HEALTH, HEALTH_NATIONAL)));
        // vaccination campaigns: sites and deliveries by health officials (of the province), check-ins by the site's
        // vaccinator; the Hà Nội site is the foreign scope
        list.add(new Endpoint("POST", "/v1/vaccination-sites", null, json, Json.write(site("VX-MATRIX-NEW", registry.wardA)),
                health));
        String delivery = Json.write(Map.of("product", "PFIZER", "doses", 100, "receivedAt", AN_HOUR_AGO, "lot", "FK1"));
        list.add(new Endpoint("POST", "/v1/vaccination-sites/VX-MATRIX/deliveries", "/v1/vaccination-sites/VX-MATRIX-HN/deliveries",
                json, delivery, health));
        String checkIn = Json.write(Map.of("code", "MPA1:AAAAAAAAAAAAAAAAAAAAAA"));
        list.add(new Endpoint("POST", "/v1/vaccination-sites/VX-MATRIX/check-ins", "/v1/vaccination-sites/VX-MATRIX-HN/check-ins",
                json, checkIn, Set.of(VACCINATOR, HEALTH, HEALTH_NATIONAL), Set.of(VACCINATOR, HEALTH)));
        // venues: created by an admin or the ward's police (another ward's: VenuesIT, the ward is in the body); the
        // venue's phone checks in there only; who is inside: the venue, its ward's police, an admin
        list.add(new Endpoint("POST", "/v1/admin/venues", null, json, Json.write(Map.of("venueId", "V-MATRIX-NEW", "name",
                "Nhà thuốc", "type", "PHARMACY", "wardCode", registry.wardA, "address", "2 Lê Lợi")), Set.of(ADMIN, POLICE)));
        list.add(new Endpoint("POST", "/v1/venues/V-MATRIX/check-ins", "/v1/venues/V-MATRIX-HN/check-ins", json,
                Json.write(Map.of("code", "nonsense", "direction", "IN")), Set.of(VENUE)));
        list.add(new Endpoint("GET", "/v1/venues/V-MATRIX/inside", "/v1/venues/V-MATRIX-HN/inside", null, null,
                Set.of(VENUE, POLICE, ADMIN), Set.of(VENUE, POLICE)));
        String today = api.today().toString();
        list.add(new Endpoint("GET", "/v1/wards/" + registry.wardA + "/feed?date=" + today,
                "/v1/wards/" + registry.wardB + "/feed?date=" + today, null, null,
                Set.of(POLICE, ADMIN), Set.of(POLICE)));
        list.add(new Endpoint("GET", "/v1/reports/daily?date=" + today + "&unit=ward:" + registry.wardA,
                "/v1/reports/daily?date=" + today + "&unit=ward:" + registry.wardB, null, null,
                Set.of(POLICE, HEALTH, HEALTH_NATIONAL, ANALYST, ADMIN), Set.of(POLICE, HEALTH)));
        list.add(new Endpoint("GET", "/v1/reports/vaccination?date=" + today + "&unit=ward:" + registry.wardA,
                "/v1/reports/vaccination?date=" + today + "&unit=ward:" + registry.wardB, null, null,
                Set.of(POLICE, HEALTH, HEALTH_NATIONAL, ANALYST, ADMIN), Set.of(POLICE, HEALTH)));
        // the supply plan of a province: its health officials (or national ones), analysts and admins
        list.add(new Endpoint("GET", "/v1/vaccination-plans?provinceCode=79", "/v1/vaccination-plans?provinceCode=01", null, null,
                Set.of(HEALTH, HEALTH_NATIONAL, ANALYST, ADMIN), Set.of(HEALTH)));
        list.add(new Endpoint("POST", "/v1/admin/residents", null, "text/csv", registry.csv, Set.of(ADMIN)));
        list.add(new Endpoint("POST", "/v1/admin/checkpoints", null, json, Json.write(Map.of("checkpointId", registry.checkpoint("CP-M"),
                "name", "m", "wardCode", registry.wardA, "lat", 10.0, "lon", 106.0)), Set.of(ADMIN)));
        list.add(new Endpoint("GET", "/v1/admin/checkpoints", null, null, null, Set.of(ADMIN)));
        list.add(new Endpoint("POST", "/v1/admin/checkpoints/" + registry.cpB + "/activate", null, json, "{}", Set.of(ADMIN)));
        list.add(new Endpoint("POST", "/v1/admin/accounts/nobody/enable", null, json, "{}", Set.of(ADMIN)));
        list.add(new Endpoint("GET", "/v1/admin/audit?citizenId=" + registry.an, null, null, null, Set.of(ADMIN)));
        list.add(new Endpoint("GET", "/v1/admin/dead-letters", null, null, null, Set.of(ADMIN)));
        list.add(new Endpoint("POST", "/v1/admin/dead-letters/ContactProbesDlq/redrive", null, json, "{}", Set.of(ADMIN)));
        // province policies: ADMIN, or a health official of the province (or national); both false is every province's default
        String policy = Json.write(Map.of("cardOnly", false, "requireCompleteVaccination", false));
        Set<String> policyMakers = Set.of(HEALTH, HEALTH_NATIONAL, ADMIN);
        list.add(new Endpoint("GET", "/v1/admin/provinces/79/policy", "/v1/admin/provinces/01/policy", null, null, policyMakers,
                Set.of(HEALTH)));
        list.add(new Endpoint("PUT", "/v1/admin/provinces/79/policy", "/v1/admin/provinces/01/policy", json, policy, policyMakers,
                Set.of(HEALTH)));
        list.add(new Endpoint("GET", "/v1/passes/revocations", null, null, null, Set.of(OFFICER, ADMIN)));
        // the offline health list: the officers of the province's checkpoints (CP-A is in 79, not 01) and ADMIN
        list.add(new Endpoint("GET", "/v1/provinces/79/health-list", "/v1/provinces/01/health-list", null, null,
                Set.of(OFFICER, ADMIN), Set.of(OFFICER)));
        // ---- vehicles and shippers (issue 20): the green-lane scans of a checkpoint's officer (their scanIds are confirmed
        // through /passages, above) and the depot check of the depot ward's police; a nonsense code answers INVALID
        String vehicleScan = Json.write(Map.of("code", "GL1:nonsense", "driverCitizenId", registry.an));
        list.add(new Endpoint("POST", cpA + "/vehicle-scans", cpB + "/vehicle-scans", json, vehicleScan, Set.of(OFFICER)));
        list.add(new Endpoint("POST", cpA + "/shipper-scans", cpB + "/shipper-scans", json,
                Json.write(Map.of("code", "nonsense")), Set.of(OFFICER)));
        list.add(new Endpoint("POST", "/v1/wards/" + registry.wardA + "/depot-checks", "/v1/wards/" + registry.wardB
                + "/depot-checks", json, vehicleScan, Set.of(POLICE)));
        // ---- end of vehicles and shippers
        // ---- policy support (issue 19): commune officials of the ward; a commune official of another ward gets 403
        list.add(new Endpoint("GET", "/v1/support/policies", null, null, null, Set.copyOf(TOKENS.keySet())));
        String supportCase = Json.write(Map.of("citizenId", registry.binh, "fullName", "Tên Sai", "dateOfBirth", "1995-02-01",
                "gender", "FEMALE", "policyId", "TOUR_GUIDE", "residence", "PERMANENT"));
        String wardA = "/v1/wards/" + registry.wardA;
        String wardB = "/v1/wards/" + registry.wardB;
        list.add(new Endpoint("POST", wardA + "/support-cases", wardB + "/support-cases", json, supportCase, Set.of(COMMUNE)));
        list.add(new Endpoint("POST", wardA + "/support-cases/import", wardB + "/support-cases/import", "text/csv",
                "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note\n", Set.of(COMMUNE)));
        list.add(new Endpoint("GET", wardA + "/support-cases", wardB + "/support-cases", null, null, Set.of(COMMUNE)));
        list.add(new Endpoint("GET", "/v1/support-cases/" + supportCaseA, "/v1/support-cases/" + supportCaseB, null, null,
                Set.of(COMMUNE)));
        String payment = Json.write(Map.of("amountVnd", 3_710_000, "paidAt", AN_HOUR_AGO, "method", "CASH"));
        list.add(new Endpoint("POST", "/v1/support-cases/" + supportCaseA + "/payments", "/v1/support-cases/" + supportCaseB
                + "/payments", json, payment, Set.of(COMMUNE)));
        list.add(new Endpoint("POST", "/v1/support-cases/" + supportCaseA + "/payments/reversal", "/v1/support-cases/"
                + supportCaseB + "/payments/reversal", json, Json.write(Map.of("reason", "matrix")), Set.of(COMMUNE)));
        list.add(new Endpoint("GET", "/v1/reports/support?unit=ward:" + registry.wardA, "/v1/reports/support?unit=ward:"
                + registry.wardB, null, null, Set.of(POLICE, HEALTH, HEALTH_NATIONAL, ANALYST, ADMIN, COMMUNE),
                Set.of(POLICE, HEALTH, COMMUNE)));
        // revocation last: it changes the pass
        list.add(new Endpoint("POST", "/v1/passes/" + passId + "/revoke", null, json, Json.write(Map.of("reason", "test")), revokers));
        return list;
    }

    static int call(Endpoint e, String path, String token) {
        byte[] body = e.body() == null ? null : e.body().getBytes(StandardCharsets.UTF_8);
        return api.send(e.method(), path, e.contentType(), body, token).status();
    }

    @Test
    void everyRoleGetsExactlyWhatTheContractGivesIt() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, String> role : TOKENS.entrySet()) {
                int status = call(e, e.path(), role.getValue());
                boolean allowed = e.roles().contains(role.getKey());
                if (allowed == (status == 401 || status == 403)) {
                    wrong.add(e.method() + " " + e.path() + " as " + role.getKey() + " → " + status);
                }
                if (allowed && e.foreign() != null && e.scoped().contains(role.getKey()) && !role.getKey().equals(HEALTH_NATIONAL)) {
                    int foreign = call(e, e.foreign(), role.getValue());
                    if (foreign != 403) {
                        wrong.add(e.method() + " " + e.foreign() + " (foreign scope) as " + role.getKey() + " → " + foreign);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aHealthOfficialOfAnotherProvinceIsRefusedHere() {
        String hanoi = api.token(HEALTH, "health-01", "provinceCode", "01");
        for (String path : List.of("/v1/cases/" + caseId, "/v1/citizens/" + registry.an + "/status",
                "/v1/citizens/" + registry.an + "/movements")) {
            assertEquals(403, api.get(path, hanoi).status(), path);
        }
    }

    @Test
    void noExpiredOrForgedTokenGetsIn() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("not a JWT", "abc.def.ghi");
        Instant longAgo = Instant.now().minus(Duration.ofHours(13));
        bad.put("expired", api.runtime.issuer().mint("admin-old", Map.of("role", ADMIN), longAgo));
        JWTClaimsSet adminClaims = new JWTClaimsSet.Builder().issuer(LocalIssuer.ISSUER).audience(LocalIssuer.AUDIENCE)
                .subject("mallory").claim("role", ADMIN).claim("checkpoint_id", registry.cpA).claim("province_code", "79")
                .claim("ward_code", "26734").expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        bad.put("alg none", new PlainJWT(adminClaims).serialize());
        bad.put("wrong issuer", api.runtime.issuer().sign(new JWTClaimsSet.Builder(adminClaims).issuer("https://evil.example").build()));
        bad.put("wrong audience", api.runtime.issuer().sign(new JWTClaimsSet.Builder(adminClaims).audience("other-app").build()));
        SignedJWT foreignKey = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), adminClaims);
        foreignKey.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        bad.put("signed by another key", foreignKey.serialize());
        String good = TOKENS.get(ADMIN);
        String[] parts = good.split("\\.");
        String tamperedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("admin-test", "admin-evil").getBytes(StandardCharsets.UTF_8));
        bad.put("payload altered", parts[0] + "." + tamperedPayload + "." + parts[2]);

        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, String> token : bad.entrySet()) {
                int status = call(e, e.path(), token.getValue());
                if (status != 401) {
                    wrong.add(e.method() + " " + e.path() + " with " + token.getKey() + " → " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(call(endpoints().get(0), "/v1/checkpoints/" + registry.cpA + "/scans", TOKENS.get(OFFICER)) == 200);
    }

    @Test
    void citizensEndpointsNeedNoToken() {
        assertEquals(200, api.get("/v1/passes/" + passId).status());
        assertEquals(200, api.get("/v1/passes/" + passId + "/audit").status());
        assertEquals(200, api.get("/.well-known/jwks.json").status());
        assertEquals(200, api.get("/v1/vaccination-sites?provinceCode=79").status());
        String tomorrow = api.today().plusDays(1).toString();
        assertEquals(200, api.get("/v1/vaccination-sites/VX-MATRIX/slots?date=" + tomorrow).status());
        String slot = api.today().plusDays(1).atTime(8, 0).atZone(vn.movepass.shared.domain.Times.VIETNAM).toInstant().toString();
        Api.Answer booked = api.post("/v1/vaccination-appointments", Map.of("citizenId", registry.duc, "fullName", "Đặng Văn Đức",
                "dateOfBirth", "1988-06-06", "gender", "MALE", "phone", "0901234567", "priorityGroup", "OTHER",
                "siteId", "VX-MATRIX", "slotStart", slot), null);
        assertEquals(201, booked.status(), booked.text());
        String appointment = "/v1/vaccination-appointments/" + booked.json().get("appointmentId").asText();
        assertEquals(200, api.get(appointment).status());
        assertEquals(200, api.send("DELETE", appointment, null, new byte[0], null).status());
        assertEquals(201, api.post("/v1/declarations", api.declaration(registry.duc, "Đặng Văn Đức", "1988-06-06", "MALE"),
                null).status());
        assertEquals(200, api.get("/v1/venues/V-MATRIX").status());
        assertEquals(200, api.get("/v1/venues/V-MATRIX/poster.svg").status());
        Api.Answer certificate = api.post("/v1/vaccination-certificates", Map.of("citizenId", registry.duc, "fullName",
                "Đặng Văn Đức", "dateOfBirth", "1988-06-06"), null);
        assertTrue(certificate.status() == 201 || certificate.status() == 409, certificate.text());
        String poster = QrText.poster(api, "V-MATRIX");
        assertEquals(201, api.post("/v1/check-ins", Map.of("passId", passId, "venueCode", poster, "direction", "IN"), null)
                .status());
    }
}
