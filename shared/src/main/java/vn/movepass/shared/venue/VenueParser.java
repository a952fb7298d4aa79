package vn.movepass.shared.venue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.JsonInput;

/** The bodies of the venue routes, checked field by field. */
public final class VenueParser {
    private static final Pattern WARD = Pattern.compile("[0-9]{5}");
    private static final Pattern PASS_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final AdministrativeUnits units;

    public VenueParser(AdministrativeUnits units) {
        this.units = units;
    }

    /** {@code POST /v1/admin/venues}. */
    public Venue venue(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("venueId", "name", "type", "wardCode", "address");
        String venueId = in.matching("venueId", true, 64, Venue.ID, "FORMAT", "1 to 64 letters, digits or hyphens");
        String name = in.string("name", true, 200);
        VenueType type = in.enumValue("type", VenueType.class, true);
        String ward = in.matching("wardCode", true, 5, WARD, "FORMAT", "a 5-digit GSO ward code");
        if (ward != null && !units.isWard(ward)) {
            in.error("wardCode", "UNKNOWN", "no such ward");
        }
        String address = in.string("address", true, 300);
        in.throwIfInvalid();
        return new Venue(venueId, name, type, ward, units.ward(ward).orElseThrow().provinceCode(), address, true);
    }

    /** What the venue's phone scanned, and which way the person goes. */
    public record Scan(String code, Direction direction) {
    }

    /** {@code POST /v1/venues/{venueId}/check-ins}. */
    public Scan scan(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("code", "direction");
        String code = in.scannedText("code", true, 2_000);
        Direction direction = in.enumValue("direction", Direction.class, true);
        in.throwIfInvalid();
        return new Scan(code, direction);
    }

    /** The citizen scanned the poster from their pass page. */
    public record SelfCheckIn(String passId, String venueCode, Direction direction) {
    }

    /** {@code POST /v1/check-ins}. */
    public SelfCheckIn selfCheckIn(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("passId", "venueCode", "direction");
        String passId = in.matching("passId", true, 22, PASS_ID, "FORMAT", "a pass id (22 characters)");
        String venueCode = in.scannedText("venueCode", true, VenueTokenCodec.MAX_TOKEN_LENGTH);
        Direction direction = in.enumValue("direction", Direction.class, true);
        in.throwIfInvalid();
        return new SelfCheckIn(passId, venueCode, direction);
    }
}
