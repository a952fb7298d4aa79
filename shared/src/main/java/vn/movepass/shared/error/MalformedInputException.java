package vn.movepass.shared.error;

/** The input could not be read at all (not JSON, an unreadable CSV): there are no fields to name. */
public final class MalformedInputException extends DomainException {
    public MalformedInputException(String detail) {
        super(detail);
    }
}
