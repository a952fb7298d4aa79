package vn.movepass.shared.error;

/** No valid credentials: no token, or the account behind it is disabled. */
public final class UnauthenticatedException extends DomainException {
    public UnauthenticatedException(String detail) {
        super(detail);
    }
}
