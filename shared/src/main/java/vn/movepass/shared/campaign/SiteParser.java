package vn.movepass.shared.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.json.JsonInput;

/** The bodies of {@code POST /v1/vaccination-sites} and of a site's deliveries, checked field by field. */
public final class SiteParser {
    private static final Pattern WARD = Pattern.compile("[0-9]{5}");
    private static final Pattern HOUR = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern LOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}");
    /** A delivery is entered when it arrives, or from the paper record of the last 30 days. */
    static final InstantBounds RECEIVED_AT = InstantBounds.lookBack(Duration.ofDays(30));
    static final int MAX_DOSES = 1_000_000;

    private final Clock clock;
    private final AdministrativeUnits units;

    public SiteParser(Clock clock, AdministrativeUnits units) {
        this.clock = clock;
        this.units = units;
    }

    public Site site(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("siteId", "name", "wardCode", "address", "slotMinutes", "capacityPerSlot", "opens", "closes");
        String siteId = in.matching("siteId", true, 64, Site.ID, "FORMAT", "1 to 64 letters, digits or hyphens");
        String name = in.string("name", true, 200);
        if (name != null && name.isBlank()) {
            in.error("name", "REQUIRED", "is required");
        }
        String ward = in.matching("wardCode", true, 5, WARD, "FORMAT", "a 5-digit GSO ward code");
        if (ward != null && !units.isWard(ward)) {
            in.error("wardCode", "UNKNOWN", "no such ward");
            ward = null;
        }
        String address = in.string("address", true, 300);
        Double slot = in.number("slotMinutes", true, 5, 240);
        Double capacity = in.number("capacityPerSlot", true, 1, 1000);
        LocalTime opens = time(in, "opens");
        LocalTime closes = time(in, "closes");
        if (opens != null && closes != null && slot != null && opens.plusMinutes(slot.longValue()).isAfter(closes)) {
            in.error("closes", "OUT_OF_RANGE", "must leave at least one slot after opens");
        }
        for (String f : new String[]{"slotMinutes", "capacityPerSlot"}) {
            Double v = "slotMinutes".equals(f) ? slot : capacity;
            if (v != null && v != Math.rint(v)) {
                in.error(f, "TYPE", "must be a whole number");
            }
        }
        in.throwIfInvalid();
        String province = units.ward(ward).orElseThrow().provinceCode();
        return new Site(siteId, name.strip(), ward, province, address.strip(), slot.intValue(), capacity.intValue(), opens, closes);
    }

    /** A delivery of doses to a site. */
    public record Delivery(VaccineProduct product, int doses, Instant receivedAt, String lot) {
    }

    public Delivery delivery(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("product", "doses", "receivedAt", "lot");
        VaccineProduct product = in.enumValue("product", VaccineProduct.class, true);
        Double doses = in.number("doses", true, 1, MAX_DOSES);
        if (doses != null && doses != Math.rint(doses)) {
            in.error("doses", "TYPE", "must be a whole number");
        }
        Instant receivedAt = in.instant("receivedAt", true);
        RECEIVED_AT.check(in, "receivedAt", receivedAt, clock.instant());
        String lot = in.matching("lot", true, 40, LOT, "FORMAT", "1 to 40 letters, digits or . / -");
        in.throwIfInvalid();
        return new Delivery(product, doses.intValue(), receivedAt, lot);
    }

    private static LocalTime time(JsonInput in, String name) {
        String raw = in.matching(name, true, 5, HOUR, "FORMAT", "a time HH:MM (Viet Nam)");
        if (raw == null) {
            return null;
        }
        try {
            return LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            in.error(name, "FORMAT", "a time HH:MM (Viet Nam)");
            return null;
        }
    }
}
