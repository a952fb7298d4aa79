package vn.movepass.shared.error;

/** A limit on attempts was reached (anti-enumeration): the client may try again after {@link #retryAfterSeconds}. */
public final class TooManyRequestsException extends DomainException {
    private final int retryAfterSeconds;

    public TooManyRequestsException(String detail, int retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
