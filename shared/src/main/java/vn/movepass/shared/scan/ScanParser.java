package vn.movepass.shared.scan;

import com.fasterxml.jackson.databind.JsonNode;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.json.JsonInput;

/** Turns the bodies of a checkpoint's scans and passages into their requests, or lists every field to correct. */
public final class ScanParser {
    private static final int MAX_CODE = 2048;

    private ScanParser() {
    }

    /** {@code POST /v1/checkpoints/{checkpointId}/scans}. */
    public static ScanRequest scan(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("code", "direction", "record");
        String code = in.scannedText("code", true, MAX_CODE);
        Direction direction = in.enumValue("direction", Direction.class, true);
        Boolean record = in.bool("record", false);
        in.throwIfInvalid();
        return new ScanRequest(code, direction, Boolean.TRUE.equals(record));
    }

    /** {@code POST /v1/checkpoints/{checkpointId}/passages}. */
    public static ConfirmRequest confirm(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("scanId", "direction", "decision", "vehiclePlate", "overrideReason");
        String scanId = in.string("scanId", true, 700);
        Direction direction = in.enumValue("direction", Direction.class, true);
        Decision decision = in.enumValue("decision", Decision.class, true);
        String plate = in.string("vehiclePlate", false, 16);
        if (plate != null && !Plates.isWellFormed(plate)) {
            in.error("vehiclePlate", "FORMAT", "must be a Vietnamese plate like 51A-123.45");
        }
        String overrideReason = in.string("overrideReason", false, 500);
        if (overrideReason != null && overrideReason.isBlank()) {
            in.error("overrideReason", "BLANK", "must say why the holder is let through");
        }
        in.throwIfInvalid();
        return new ConfirmRequest(scanId, direction, decision, plate, overrideReason == null ? null : overrideReason.strip());
    }

    /** A phone-made confirmation id: 8–64 letters, digits, '-' or '_' (a UUID fits). */
    private static final java.util.regex.Pattern CONFIRMATION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** {@code POST /v1/checkpoints/{checkpointId}/offline-passages}. */
    public static OfflinePassageRequest offline(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("token", "at", "direction", "decision", "confirmationId");
        String token = in.scannedText("token", true, MAX_CODE);
        java.time.Instant at = in.instant("at", true);
        Direction direction = in.enumValue("direction", Direction.class, true);
        Decision decision = in.enumValue("decision", Decision.class, true);
        String confirmationId = in.matching("confirmationId", true, 64, CONFIRMATION_ID, "FORMAT",
                "must be 8–64 letters, digits, '-' or '_'");
        in.throwIfInvalid();
        return new OfflinePassageRequest(token, at, direction, decision, confirmationId);
    }
}
