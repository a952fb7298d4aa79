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
            JsonNode n = Json.readTree(body);
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

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.textValue() : null;
    }
}
