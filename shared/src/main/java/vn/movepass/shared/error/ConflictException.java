package vn.movepass.shared.error;

/** The request contradicts the stored state (already exists, too late, another checkpoint's scan). */
public final class ConflictException extends DomainException {
    private final FieldError error;

    public ConflictException(String detail) {
        super(detail);
        this.error = null;
    }

    /** A conflict a client tells apart by its code (the answer's {@code errors[0].code}), about {@code field}. */
    public ConflictException(String field, String code, String detail) {
        super(detail);
        this.error = new FieldError(field, code, detail);
    }

    /** The conflict's code and field, or null. */
    public FieldError error() {
        return error;
    }
}
