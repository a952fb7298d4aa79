package vn.movepass.shared.greenlane;

import java.time.Instant;
import java.util.List;

/** A validated shipper registration: the person, their company, where they may operate, and for how long. */
public record ShipperRequest(String citizenId, String companyName, String companyTaxCode, List<String> operatingWards,
                             Instant validFrom, Instant validUntil) {
    public ShipperRequest {
        operatingWards = List.copyOf(operatingWards);
    }
}
