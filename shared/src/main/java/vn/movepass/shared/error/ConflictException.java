package vn.movepass.shared.error;

/** The request contradicts the stored state (already exists, too late, another checkpoint's scan). */
public final class ConflictException extends DomainException {
    public ConflictException(String detail) {
        super(detail);
    }
}
