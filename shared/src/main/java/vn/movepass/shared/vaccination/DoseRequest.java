package vn.movepass.shared.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.VaccineProduct;

/** The body of {@code POST /v1/vaccinations}, parsed and checked by {@link DoseParser}. */
public record DoseRequest(String citizenId, String fullName, LocalDate dateOfBirth, VaccineProduct product, int doseNumber,
                          Instant administeredAt, String lot, String siteId) {

    /**
     * Whether a stored dose says the same (a retry), as opposed to another dose under the same number; instants are
     * stored to the second ({@link Times#iso}).
     */
    public boolean sameDose(VaccineProduct storedProduct, String storedAt, String storedLot, String storedSite) {
        return product == storedProduct && Times.iso(administeredAt).equals(storedAt) && lot.equals(storedLot)
                && siteId.equals(storedSite);
    }
}
