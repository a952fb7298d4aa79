package vn.movepass.shared.greenlane;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What a green-lane vehicle permit's QR asserts: the permit id, its validity, the plate and the
 * operator's name. Nothing personal: the drivers are on the server's record, never in the token.
 *
 * @param permitId 16 random bytes
 * @param validFrom first valid instant (inclusive)
 * @param validUntil end of validity (exclusive), after {@code validFrom}
 * @param plate the vehicle plate as registered (upper case, e.g. {@code 51C-123.45})
 * @param operatorName the transport operator's name
 */
public record PermitClaims(byte[] permitId, Instant validFrom, Instant validUntil, String plate, String operatorName) {
    public static final int PERMIT_ID_LENGTH = 16;

    public PermitClaims {
        Objects.requireNonNull(permitId, "permitId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(operatorName, "operatorName");
        if (permitId.length != PERMIT_ID_LENGTH) {
            throw new IllegalArgumentException("permitId must be 16 bytes");
        }
        permitId = permitId.clone();
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (plate.isBlank() || operatorName.isBlank()) {
            throw new IllegalArgumentException("plate and operatorName must not be blank");
        }
    }

    @Override
    public byte[] permitId() {
        return permitId.clone();
    }

    /** 22 characters of base64url without padding. */
    public String permitIdString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(permitId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermitClaims other && Arrays.equals(permitId, other.permitId)
                && validFrom.equals(other.validFrom) && validUntil.equals(other.validUntil)
                && plate.equals(other.plate) && operatorName.equals(other.operatorName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(permitId), validFrom, validUntil, plate, operatorName);
    }

    @Override
    public String toString() {
        return "PermitClaims[permitId=" + permitIdString() + ", validFrom=" + validFrom + ", validUntil=" + validUntil
                + ", plate=" + plate + ", operatorName=" + operatorName + "]";
    }
}
