package vn.movepass.local.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.SharedRuntime;

/**
 * Hostile path ids on the GET routes of officials and citizens: every answer is a 400 or 404 problem+json (a 2,100-char
 * caseId answered 500 at DynamoDB's key size limit), and no table changes.
 */
@SharedRuntime
class PathIdsIT {
    static final List<String> HOSTILE = List.of("x".repeat(2_100), "a".repeat(70_000), "ab\u0001cd", "\uD83D\uDE00".repeat(40),
            "\u0000", "../../etc", "%00", "079090123456\u200b", "٠٧٩٠٩٠١٢٣٤٥٦", "a b", "\uFFFF", "\uD800x");
    static Api api;
    static String health;

    @BeforeAll
    static void start(Api shared) {
        api = shared;
        health = api.token("HEALTH_OFFICIAL", "health-vn", null, null);
    }

    @Test
    void everyHostileIdIsRefusedWithAProblem() {
        Map<String, List<String>> before = api.tableContents();
        for (String raw : HOSTILE) {
            String id = URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of("/v1/cases/" + id, "/v1/citizens/" + id + "/status", "/v1/citizens/" + id + "/movements",
                    "/v1/passes/" + id, "/v1/passes/" + id + "/audit", "/v1/green-lane/permits/" + id,
                    "/v1/citizens/" + id + "/health", "/v1/wards/" + id + "/health", "/v1/admin/provinces/" + id + "/policy",
                    "/v1/provinces/" + id + "/health-list")) {
                Api.Answer a = api.get(path, health);
                assertTrue(a.status() >= 400 && a.status() < 500, path.length() + " chars " + a.status() + " " + a.text());
                assertTrue(a.header("content-type").startsWith("application/problem+json"), a.header("content-type"));
            }
        }
        assertEquals(before, api.tableContents(), "refused requests changed no table");
    }
}
