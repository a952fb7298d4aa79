package vn.movepass.shared.greenlane;

import java.time.Instant;
import java.util.List;

/**
 * A validated permit registration: the plate as typed (the service stores its canonical form), the operator, the
 * route's wards (the first one's province owns the permit), the drivers' citizen ids and the validity window.
 */
public record PermitRequest(String plate, String operatorName, String operatorTaxCode, List<String> routeWards,
                            List<String> driverIds, Instant validFrom, Instant validUntil) {
    public PermitRequest {
        routeWards = List.copyOf(routeWards);
        driverIds = List.copyOf(driverIds);
    }
}
