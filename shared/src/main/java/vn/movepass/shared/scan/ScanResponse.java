package vn.movepass.shared.scan;

import java.util.List;
import vn.movepass.shared.health.HealthView;

/**
 * The answer to a checkpoint scan; holder, declaration and pass are null when unknown. {@code health} (judged at scan
 * time with the checkpoint's province policy) and {@code advice} (ALLOW, CHECK, TURN_BACK) are null when nobody is known.
 */
public record ScanResponse(String scanId, String verdict, List<String> alerts, Holder holder, Declaration declaration,
                           Pass pass, String passageId, HealthView health, String advice) {

    /** What the officer compares with the ID card. */
    public record Holder(String fullName, String dateOfBirth, String gender, String citizenIdMasked) {
    }

    /** The route and purpose of the declaration behind the pass. */
    public record Declaration(String declarationId, Place origin, Place destination, Vehicle vehicle, String purpose,
                              List<String> flags) {
    }

    /** A ward and address. */
    public record Place(String wardCode, String address) {
    }

    /** The declared vehicle. */
    public record Vehicle(String type, String plate) {
    }

    /** The pass that was judged. */
    public record Pass(String passId, String validUntil) {
    }
}
