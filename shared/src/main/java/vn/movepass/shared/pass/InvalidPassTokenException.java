package vn.movepass.shared.pass;

import java.util.Objects;

/**
 * Thrown by {@link PassTokenCodec} when a token cannot be accepted. The message never contains the
 * token or any claim, so it is safe to log.
 */
public class InvalidPassTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a token was rejected. */
    public enum Reason {
        /** Not a structurally valid MovePass token (prefix, Base45, length, version or field values). */
        MALFORMED,
        /** Structurally valid, but signed with a key id the verifier does not know. */
        UNKNOWN_KID,
        /** Structurally valid with a known key id, but the Ed25519 signature does not verify. */
        BAD_SIGNATURE
    }

    /** Why the token was rejected. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the token was rejected
     * @param message a description that contains no token data
     */
    public InvalidPassTokenException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the token was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
