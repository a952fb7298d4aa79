package vn.movepass.shared.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.JsonInput;

/** Turns the body of {@code POST /v1/admin/checkpoints} into a {@link NewCheckpoint}, or lists every field to correct. */
public final class CheckpointParser {
    static final Pattern CHECKPOINT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AdministrativeUnits units;

    public CheckpointParser(AdministrativeUnits units) {
        this.units = units;
    }

    public NewCheckpoint parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("checkpointId", "name", "wardCode", "lat", "lon");
        String id = in.matching("checkpointId", true, 64, CHECKPOINT_ID, "FORMAT", "must be 1-64 letters, digits, - or _");
        String name = in.string("name", true, 200);
        String ward = in.string("wardCode", true, 5);
        if (ward != null && units.ward(ward).isEmpty()) {
            in.error("wardCode", "UNKNOWN_WARD", "is not a known ward code");
        }
        Double lat = in.number("lat", true, -90, 90);
        Double lon = in.number("lon", true, -180, 180);
        in.throwIfInvalid();
        return new NewCheckpoint(id, name, ward, lat, lon);
    }
}
