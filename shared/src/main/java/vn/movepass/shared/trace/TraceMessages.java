package vn.movepass.shared.trace;

import com.fasterxml.jackson.databind.JsonNode;
import vn.movepass.shared.json.Json;

/** The small messages between the tracing steps. */
public final class TraceMessages {
    private TraceMessages() {
    }

    /** Trace one person, {@code depth} hops from the case's F0 (0 = the F0). */
    public record Trace(String caseId, String citizenId, int depth) {
        public String unitId() {
            return "T#" + citizenId + "#" + depth;
        }

        public String toJson() {
            return Json.write(Json.object().put("c", caseId).put("p", citizenId).put("d", depth));
        }

        public static Trace parse(String body) {
            JsonNode n = Json.readTree(body);
            return new Trace(text(n, "c"), text(n, "p"), n.path("d").asInt(-1)).validate();
        }

        private Trace validate() {
            if (caseId == null || citizenId == null || depth < 0 || depth > 8) {
                throw new IllegalArgumentException("malformed trace message");
            }
            return this;
        }
    }

    /** Look for contacts around one passage of a traced person. */
    public record Probe(String caseId, String citizenId, int depth, String passageId, String checkpointId, String at,
                        String plateKey) {
        public String unitId() {
            return "P#" + citizenId + "#" + depth + "#" + passageId;
        }

        public String toJson() {
            var n = Json.object().put("c", caseId).put("p", citizenId).put("d", depth).put("id", passageId)
                    .put("cp", checkpointId).put("t", at);
            if (plateKey != null) {
                n.put("pl", plateKey);
            }
            return Json.write(n);
        }

        public static Probe parse(String body) {
            return parse(Json.readTree(body));
        }

        public static Probe parse(JsonNode n) {
            Probe p = new Probe(text(n, "c"), text(n, "p"), n.path("d").asInt(-1), text(n, "id"), text(n, "cp"),
                    text(n, "t"), text(n, "pl"));
            if (p.caseId == null || p.citizenId == null || p.depth < 0 || p.passageId == null || p.checkpointId == null
                    || p.at == null) {
                throw new IllegalArgumentException("malformed probe message");
            }
            java.time.Instant.parse(p.at);
            return p;
        }
    }

    /** Look for contacts around one venue stay of a traced person ({@code outAt} null when they never checked out). */
    public record VenueProbe(String caseId, String citizenId, int depth, String visitId, String venueId, String inAt,
                             String outAt) {
        public String unitId() {
            return "V#" + citizenId + "#" + depth + "#" + visitId;
        }

        public String toJson() {
            var n = Json.object().put("c", caseId).put("p", citizenId).put("d", depth).put("vid", visitId).put("v", venueId)
                    .put("t", inAt);
            if (outAt != null) {
                n.put("o", outAt);
            }
            return Json.write(n);
        }

        /** Whether a probe queue message is a venue probe (else a passage probe). */
        public static boolean is(JsonNode n) {
            return n.has("v");
        }

        public static VenueProbe parse(JsonNode n) {
            VenueProbe p = new VenueProbe(text(n, "c"), text(n, "p"), n.path("d").asInt(-1), text(n, "vid"), text(n, "v"),
                    text(n, "t"), text(n, "o"));
            if (p.caseId == null || p.citizenId == null || p.depth < 0 || p.visitId == null || p.venueId == null
                    || p.inAt == null) {
                throw new IllegalArgumentException("malformed venue probe message");
            }
            java.time.Instant.parse(p.inAt);
            if (p.outAt != null) {
                java.time.Instant.parse(p.outAt);
            }
            return p;
        }
    }

    /** Tell one contact of a case (NoticeService). */
    public record Notice(String caseId, String citizenId) {
        public String toJson() {
            return Json.write(Json.object().put("c", caseId).put("p", citizenId));
        }

        public static Notice parse(String body) {
            JsonNode n = Json.readTree(body);
            Notice notice = new Notice(text(n, "c"), text(n, "p"));
            if (notice.caseId == null || notice.citizenId == null) {
                throw new IllegalArgumentException("malformed notice message");
            }
            return notice;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.textValue() : null;
    }
}
