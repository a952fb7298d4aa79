package vn.movepass.shared.error;

import java.util.List;

/** Some fields of a request are missing or invalid; every one is listed, so the client corrects all at once. */
public final class InvalidInputException extends DomainException {
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() + " field(s) are missing or invalid");
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String code, String message) {
        return new InvalidInputException(List.of(new FieldError(field, code, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
