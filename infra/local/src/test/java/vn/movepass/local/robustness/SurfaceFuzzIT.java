package vn.movepass.local.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.movepass.local.template.HttpEventDef;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.local.testkit.SurfaceFuzz;

/**
 * Every route the template wires, fuzzed through its path parameters, query string and headers (seeded; bodies are
 * FuzzIT's): ids up to 70,000 characters, every Unicode plane, control characters, percent-encodings, repeated and
 * broken query parameters, dates and units that do not exist, huge headers, wrong content types and charsets, bodies
 * on GETs, under every kind of caller. Each answer is below 500 — a 4xx problem+json, or the route's normal answer —
 * no table changes, and no log line names the citizen id hidden in the values.
 */
@SharedRuntime
class SurfaceFuzzIT {
    static final long SEED = 20_211_005L;
    static final int PER_ROUTE = 24;

    @Test
    void everyRouteAnswersHostilePathsQueriesAndHeadersWithoutA5xxAndStoresNothing(Api api, Registry registry) {
        registry.loadInto(api);
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add(api.admin());
        tokens.add(api.token("HEALTH_OFFICIAL", "fuzz-health", null, null));
        tokens.add(api.token("HEALTH_OFFICIAL", "fuzz-health-79", "provinceCode", "79"));
        tokens.add(api.token("WARD_POLICE", "fuzz-police", "wardCode", registry.wardA));
        tokens.add(api.officer(registry.cpA));
        tokens.add(api.token("ANALYST", "fuzz-analyst", null, null));
        tokens.add("not.a.jwt");

        SurfaceFuzz fuzz = new SurfaceFuzz(SEED);
        java.util.SplittableRandom pickToken = new java.util.SplittableRandom(SEED);
        List<HttpEventDef> routes = SurfaceFuzz.routes(api.runtime.model());
        assertTrue(routes.size() > 30, "the template's routes: " + routes.size());
        Map<String, List<String>> before = api.tableContents();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new PrivacyIT.Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new PrivacyIT.Tee(err, captured), true, StandardCharsets.UTF_8));
        int sent = 0;
        try {
            for (HttpEventDef route : routes) {
                for (SurfaceFuzz.Request r : fuzz.requests(route, PER_ROUTE)) {
                    String token = tokens.get(pickToken.nextInt(tokens.size()));
                    Api.Answer a = api.send(r.method(), r.path(), r.headers().get("Content-Type"), r.body(), token,
                            without(r.headers(), "Content-Type"));
                    sent++;
                    statuses.merge(a.status(), 1, Integer::sum);
                    String where = route.method() + " " + route.path() + " [" + r.what() + "] → " + a.status();
                    if (a.status() >= 500) {
                        failures.add(where + " " + abbreviate(a.text()));
                    } else if (a.status() >= 400 && !String.valueOf(a.header("content-type")).startsWith("application/problem+json")) {
                        failures.add(where + " not problem+json: " + a.header("content-type"));
                    }
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        System.out.println("surface fuzz: " + sent + " requests over " + routes.size() + " routes, statuses " + statuses);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertEquals(before, api.tableContents(), "hostile requests changed no table");
        String log;
        synchronized (captured) {
            log = captured.toString(StandardCharsets.UTF_8);
        }
        assertFalse(log.contains(SurfaceFuzz.MARKER_ID), "a log line names the citizen id of a hostile value");
    }

    static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> out = new java.util.LinkedHashMap<>(headers);
        out.remove(name);
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
