package vn.movepass.shared.error;

/** The thing named does not exist (or is not the caller's to know of). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
