package vn.movepass.shared.error;

/** A storage or queue service is busy or unreachable after the retries: the client should try again later. */
public final class DependencyUnavailableException extends DomainException {
    private final int retryAfterSeconds;

    public DependencyUnavailableException(String detail, int retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The usual answer when a throttled or unreachable dependency outlasted the SDK's and our retries. */
    public static DependencyUnavailableException busy() {
        return new DependencyUnavailableException("a storage or queue service is busy or unreachable; try again shortly", 2);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
