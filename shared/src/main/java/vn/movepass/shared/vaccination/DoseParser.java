package vn.movepass.shared.vaccination;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.movepass.shared.campaign.Site;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.identity.IdentityFields;
import vn.movepass.shared.json.JsonInput;

/** Turns the body of {@code POST /v1/vaccinations} into a {@link DoseRequest}, or lists every field to correct. */
public final class DoseParser {
    /** A dose is entered on the day or back-filled from paper records of the last year; never ahead of the clock. */
    static final InstantBounds ADMINISTERED_AT = InstantBounds.lookBack(Duration.ofDays(365));
    /** Doses one to five: the primary series (at most three doses) and boosters. */
    static final int MAX_DOSE = 5;
    private static final Pattern LOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}");

    private final Clock clock;

    public DoseParser(Clock clock) {
        this.clock = clock;
    }

    public DoseRequest parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "fullName", "dateOfBirth", "product", "doseNumber", "administeredAt", "lot", "siteId");
        Instant now = clock.instant();
        var identity = IdentityFields.read(in, Times.vietnamDate(now));
        String citizenId = identity.citizenId();
        String fullName = identity.fullName();
        LocalDate dob = identity.dateOfBirth();
        VaccineProduct product = in.enumValue("product", VaccineProduct.class, true);
        Double dose = in.number("doseNumber", true, 1, MAX_DOSE);
        if (dose != null && dose != Math.rint(dose)) {
            in.error("doseNumber", "TYPE", "must be a whole number");
            dose = null;
        }
        Instant administeredAt = in.instant("administeredAt", true);
        ADMINISTERED_AT.check(in, "administeredAt", administeredAt, now);
        String lot = in.matching("lot", true, 40, LOT, "FORMAT", "1 to 40 letters, digits or . / -");
        String siteId = in.matching("siteId", true, 64, Site.ID, "FORMAT", "1 to 64 letters, digits or hyphens");
        in.throwIfInvalid();
        return new DoseRequest(citizenId, fullName, dob, product, dose.intValue(), administeredAt, lot, siteId);
    }
}
