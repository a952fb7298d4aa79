package vn.movepass.local.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.QrText;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.vaccination.CertificateCodec;

/**
 * A vaccination certificate as a citizen, a checkpoint officer and a venue meet it: issued for someone with a dose
 * (the identity checked against the registry, under the anti-enumeration limit), verifiable offline with the published
 * keys, holding no citizen id; scanned as a code at a checkpoint and at a venue, where the holder's health comes from
 * the store; a forged one names nobody.
 */
@SharedRuntime
class CertificatesIT {
    static Api api;
    static Registry registry;
    static String token;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        String vaccinator = api.token("VACCINATOR", "vaccinator-cert", "siteId", VaccinationsIT.SITE);
        Api.Answer dose = api.post("/v1/vaccinations", VaccinationsIT.dose(registry.binh, "Trần Thị Bình", "1995-02-01", "PFIZER", 1,
                api.now().minus(Duration.ofDays(2)), "FK-1"), vaccinator);
        assertEquals(201, dose.status(), dose.text());
    }

    static Api.Answer request(String citizenId, String name, String dob) {
        return api.post("/v1/vaccination-certificates", Map.of("citizenId", citizenId, "fullName", name, "dateOfBirth", dob), null);
    }

    @Test
    void aCitizenWithADoseGetsACertificateThatVerifiesOffline() {
        Api.Answer issued = request(registry.binh, "TRẦN THỊ BÌNH", "1995-02-01");
        assertEquals(201, issued.status(), issued.text());
        JsonNode body = issued.json();
        assertEquals("ISSUED", body.get("status").asText());
        String vc1 = body.get("token").asText();
        assertTrue(vc1.startsWith("VC1:"), vc1);
        // the QR is the token
        String png = body.get("qrPng").asText();
        assertTrue(png.startsWith("data:image/png;base64,"));
        assertEquals(vc1, QrText.of(Base64.getDecoder().decode(png.substring("data:image/png;base64,".length()))));
        // offline: the published keys verify it; it says who (as on the card, with the id's first and last 3 digits) and the doses
        // (product and day), and holds no full citizen id
        var claims = new CertificateCodec(PassKeys.verificationOnlyFromJwks(api.get("/.well-known/jwks.json").text())).verify(vc1);
        assertEquals("Trần Thị Bình", claims.fullName());
        assertEquals("1995-02-01", claims.dateOfBirth().toString());
        assertEquals(1, claims.doses().size());
        assertEquals("PFIZER", claims.doses().get(0).product().name());
        assertEquals(api.today().minusDays(2), claims.doses().get(0).date());
        assertEquals(registry.binh.substring(0, 3) + registry.binh.substring(9), claims.idDigits());
        assertTrue(!vc1.contains(registry.binh));
        assertFalse(claims.complete());
        token = vc1;

        // no dose yet: 409; the registry disagrees: REJECTED with its reasons
        Api.Answer none = request(registry.an, "Nguyễn Văn An", "1990-05-17");
        assertEquals(409, none.status(), none.text());
        JsonNode rejected = request(registry.dung, "Someone Else", "2003-04-04").json();
        assertEquals("REJECTED", rejected.get("status").asText());
        assertEquals("NAME_MISMATCH", rejected.get("reasons").get(0).asText());
    }

    @Test
    void theCertificateIsACodeAtACheckpointAndAVenueWhoseHealthComesFromTheStore() {
        String vc1 = token != null ? token : request(registry.binh, "Trần Thị Bình", "1995-02-01").json().get("token").asText();
        JsonNode scan = api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", vc1, "direction", "IN"),
                api.officer(registry.cpA)).json();
        assertEquals("NO_VALID_PASS", scan.get("verdict").asText(), scan.toString());
        assertEquals(1, scan.get("health").get("vaccination").get("doses").asInt(), scan.toString());
        assertEquals("Trần Thị Bình", scan.get("holder").get("fullName").asText());

        String venueId = registry.checkpoint("V-CERT");
        assertEquals(201, api.post("/v1/admin/venues", Map.of("venueId", venueId, "name", "Nhà thuốc", "type", "PHARMACY",
                "wardCode", registry.wardA, "address", "1 Lê Lợi"), api.admin()).status());
        String phone = api.token("VENUE_OPERATOR", "venue-cert", "venueId", venueId);
        Api.Answer in = api.post("/v1/venues/" + venueId + "/check-ins", Map.of("code", vc1, "direction", "IN"), phone);
        assertEquals(201, in.status(), in.text());
        assertEquals("Trần Thị Bình", in.json().get("holder").get("fullName").asText());

        // a forged certificate (one character of its signature changed) names nobody
        String forged = vc1.substring(0, vc1.length() - 1) + (vc1.endsWith("0") ? "1" : "0");
        assertEquals("INVALID", api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", forged, "direction", "IN"),
                api.officer(registry.cpA)).json().get("verdict").asText());
        assertEquals("INVALID", api.post("/v1/venues/" + venueId + "/check-ins", Map.of("code", forged, "direction", "IN"),
                phone).json().get("verdict").asText());
    }

    @Test
    void afterFiveRejectionsTheSixthIsRefused() {
        for (int i = 0; i < 5; i++) {
            assertEquals("REJECTED", request(registry.duc, "Sai Tên " + (char) ('A' + i), "1988-06-06").json().get("status").asText());
        }
        Api.Answer sixth = request(registry.duc, "Đặng Văn Đức", "1988-06-06");
        assertEquals(429, sixth.status(), sixth.text());
    }
}
