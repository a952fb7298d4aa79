package vn.movepass.shared.error;

/** The thing existed but can no longer be used (an expired or revoked pass or permit). */
public final class GoneException extends DomainException {
    public GoneException(String detail) {
        super(detail);
    }
}
