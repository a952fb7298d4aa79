package vn.movepass.shared.error;

/** One invalid field of a request: its JSON path (or parameter name), a stable code and a human message. */
public record FieldError(String field, String code, String message) {
}
