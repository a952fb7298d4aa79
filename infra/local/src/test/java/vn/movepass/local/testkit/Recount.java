package vn.movepass.local.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.store.HealthStatusItem;

/** What the daily reports must say: a recount of the raw records per unit, and what the reports API says. */
public final class Recount {
    private Recount() {
    }

    /**
     * Declarations by origin ward (and the anti-enumeration limit's refusals, by the refused one's origin ward),
     * passages by checkpoint ward (on {@code day}), F0 by the residence ward of the cases opened on {@code day}, F1–F3
     * by contacts, residents by their health state at the end of {@code day} (from their status, in the ward it was
     * counted in), doses given on {@code day} and venue check-ins (INs) on {@code day} by the venue's ward and type:
     * unit → counter → count.
     */
    public static Map<String, Map<String, Long>> of(Api api, LocalDate day) {
        AdministrativeUnits units = AdministrativeUnits.get();
        Map<String, String> checkpointWard = new HashMap<>();
        scanAll(api, "CheckpointsTable").forEach(i -> checkpointWard.put(i.get("checkpointId").s(), i.get("wardCode").s()));
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (var d : scanAll(api, "DeclarationsTable")) {
            if (on(day, d.get("declaredAt"))) {
                add(counts, units.ward(d.get("originWard").s()).orElseThrow(),
                        "ACCEPTED".equals(d.get("status").s()) ? "accepted" : "rejected");
            }
        }
        for (var r : scanAll(api, "AttemptLimitsTable")) {
            // the declarations' refusals only: a booking's (scope VACCINATION_BOOKING) is not a declaration
            if (r.get("pk").s().startsWith("refusal#") && day.toString().equals(r.get("day").s())
                    && "DECLARATION".equals(r.get("scope").s())) {
                add(counts, units.ward(r.get("ward").s()).orElseThrow(), "refused");
            }
        }
        for (var p : scanAll(api, "PassagesTable")) {
            if (on(day, p.get("at"))) {
                String counter = "TURNED_BACK".equals(p.get("decision").s()) ? "turnedBack"
                        : "IN".equals(p.get("direction").s()) ? "in" : "out";
                add(counts, units.ward(checkpointWard.get(p.get("checkpointId").s())).orElseThrow(), counter);
            }
        }
        Map<String, String> residence = new HashMap<>();
        scanAll(api, "ResidentsTable").forEach(r -> residence.put(r.get("citizenId").s(),
                r.containsKey("currentWardCode") ? r.get("currentWardCode").s() : null));
        for (var c : scanAll(api, "CasesTable")) {
            String ward = residence.get(c.get("citizenId").s());
            if (on(day, c.get("createdAt")) && ward != null) {
                add(counts, units.ward(ward).orElseThrow(), "F0");
            }
        }
        for (var c : scanAll(api, "ContactsTable")) {
            add(counts, units.ward(c.get("residenceWard").s()).orElseThrow(), c.get("level").s());
        }
        Instant endOfDay = day.plusDays(1).atStartOfDay(Times.VIETNAM).toInstant().minusNanos(1);
        for (var h : scanAll(api, "HealthTable")) {
            String sk = h.get("sk").s();
            AttributeValue counted = h.get("countedWard");
            if (counted == null) {
                continue;
            }
            Ward ward = units.ward(counted.s()).orElseThrow();
            if (HealthStatusItem.STATUS.equals(sk)) {
                HealthState state = Health.of(HealthSnapshot.decode(h.get("health").s()), endOfDay).state();
                if (state != HealthState.NONE) {
                    add(counts, ward, state.name().toLowerCase(java.util.Locale.ROOT));
                }
            } else if (sk.startsWith("DOSE#") && on(day, h.get("administeredAt"))) {
                add(counts, ward, "dosesGiven");
            }
        }
        for (var e : scanAll(api, "SupportTable")) {
            // policy support: a case's events on the day (entered; paid; a reversal takes a payment back that day)
            AttributeValue type = e.get("type");
            if (type == null || e.get("ward") == null || e.get("at") == null || !on(day, e.get("at"))) {
                continue;
            }
            Ward ward = units.ward(e.get("ward").s()).orElseThrow();
            long amount = e.containsKey("amountVnd") ? Long.parseLong(e.get("amountVnd").n()) : 0;
            switch (type.s()) {
                case "CREATED" -> add(counts, ward, "cases");
                case "PAID" -> {
                    add(counts, ward, "paid", 1);
                    add(counts, ward, "amountPaidVnd", amount);
                }
                case "REVERSED" -> {
                    add(counts, ward, "paid", -1);
                    add(counts, ward, "amountPaidVnd", -amount);
                }
                default -> {
                }
            }
        }
        for (var v : scanAll(api, "VenuesTable")) {
            // a stay (one per IN), counted in its venue's ward under the venue's type
            if (v.get("pk").s().startsWith("VISIT#") && on(day, v.get("inAt"))) {
                add(counts, units.ward(v.get("wardCode").s()).orElseThrow(), v.get("venueType").s());
            }
        }
        return counts;
    }

    private static boolean on(LocalDate day, AttributeValue instant) {
        return Times.vietnamDate(Instant.parse(instant.s())).equals(day);
    }

    private static void add(Map<String, Map<String, Long>> counts, Ward ward, String counter) {
        add(counts, ward, counter, 1);
    }

    private static void add(Map<String, Map<String, Long>> counts, Ward ward, String counter, long amount) {
        for (String unit : List.of("national", "province:" + ward.provinceCode(), "district:" + ward.districtCode(),
                "ward:" + ward.code())) {
            Map<String, Long> unitCounts = counts.computeIfAbsent(unit, k -> new HashMap<>());
            unitCounts.merge(counter, amount, Long::sum);
            unitCounts.remove(counter, 0L); // as the report leaves out its zeros
        }
    }

    /**
     * Every item of a table (a test may Scan; the system never does), without PassagesTable's offline-confirmation
     * guards ({@code CONFIRMATION#…}), which are not passages.
     */
    public static List<Map<String, AttributeValue>> scanAll(Api api, String logicalId) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        api.runtime.dynamo().scanPaginator(b -> b.tableName(api.runtime.provisioned().tableName(logicalId)))
                .items().forEach(item -> {
                    AttributeValue pk = item.get("pk");
                    if (!"PassagesTable".equals(logicalId) || pk == null || !pk.s().startsWith("CONFIRMATION#")) {
                        out.add(item);
                    }
                });
        return out;
    }

    /** The report of {@code unit} on {@code day}, without its zeros: counter → count. */
    public static Map<String, Long> reported(Api api, LocalDate day, String unit, String token) {
        Api.Answer a = api.get("/v1/reports/daily?date=" + day + "&unit=" + unit, token);
        assertEquals(200, a.status(), a.text());
        JsonNode r = a.json();
        assertEquals(unit, r.get("unit").asText());
        assertEquals(day.toString(), r.get("date").asText());
        Map<String, Long> m = new HashMap<>();
        for (String group : List.of("declarations", "passages", "cases", "health", "checkIns", "support")) {
            r.get(group).fields().forEachRemaining(e -> {
                if (e.getValue().asLong() != 0) {
                    m.put(e.getKey(), e.getValue().asLong());
                }
            });
        }
        assertEquals(Set.of("accepted", "rejected", "refused"), fieldNames(r.get("declarations")));
        assertEquals(Set.of("in", "out", "turnedBack"), fieldNames(r.get("passages")));
        assertEquals(Set.of("F0", "F1", "F2", "F3"), fieldNames(r.get("cases")));
        assertEquals(Set.of("isolating", "quarantined", "monitoring", "recovered", "dosesGiven"), fieldNames(r.get("health")));
        assertEquals(Set.of("SUPERMARKET", "PHARMACY", "MARKET", "MALL", "RESTAURANT", "OTHER"), fieldNames(r.get("checkIns")));
        assertEquals(Set.of("cases", "paid", "amountPaidVnd"), fieldNames(r.get("support")));
        return m;
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    // ---- policy support (issue 19)

    /**
     * The support report of {@code unit} recounted from SupportTable's cases: policy → {cases, paid, amountPaidVnd}
     * (policies without a case left out), for the cases whose ward lies in the unit.
     */
    public static Map<String, Map<String, Long>> support(Api api, String unit) {
        AdministrativeUnits units = AdministrativeUnits.get();
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (var c : scanAll(api, "SupportTable")) {
            if (!"CASE".equals(c.get("sk").s())) {
                continue;
            }
            Ward ward = units.ward(c.get("wardCode").s()).orElseThrow();
            boolean in = switch (unit.substring(0, unit.indexOf(':') < 0 ? unit.length() : unit.indexOf(':'))) {
                case "national" -> true;
                case "province" -> unit.equals("province:" + ward.provinceCode());
                case "district" -> unit.equals("district:" + ward.districtCode());
                default -> unit.equals("ward:" + ward.code());
            };
            if (!in) {
                continue;
            }
            Map<String, Long> f = out.computeIfAbsent(c.get("policyId").s(), k -> new HashMap<>(Map.of("cases", 0L, "paid", 0L,
                    "amountPaidVnd", 0L)));
            f.merge("cases", 1L, Long::sum);
            if ("PAID".equals(c.get("status").s())) {
                f.merge("paid", 1L, Long::sum);
                f.merge("amountPaidVnd", Long.parseLong(c.get("paidAmountVnd").n()), Long::sum);
            }
        }
        return out;
    }

    /** What {@code GET /v1/reports/support?unit=} says, in the form of {@link #support}. */
    public static Map<String, Map<String, Long>> supportReported(Api api, String unit, String token) {
        Api.Answer a = api.get("/v1/reports/support?unit=" + unit, token);
        assertEquals(200, a.status(), a.text());
        Map<String, Map<String, Long>> out = new HashMap<>();
        a.json().get("byPolicy").fields().forEachRemaining(e -> {
            if (e.getValue().get("cases").asLong() != 0) {
                out.put(e.getKey(), new HashMap<>(Map.of("cases", e.getValue().get("cases").asLong(),
                        "paid", e.getValue().get("paid").asLong(), "amountPaidVnd", e.getValue().get("amountPaidVnd").asLong())));
            }
        });
        return out;
    }
}
