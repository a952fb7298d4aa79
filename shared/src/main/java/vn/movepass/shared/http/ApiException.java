package vn.movepass.shared.http;

import java.util.List;

/** An answer other than success, rendered as {@code application/problem+json} (RFC 9457). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "Invalid request", errors.size() + " field(s) are missing or invalid", errors, null);
    }

    public static ApiException invalid(String field, String code, String message) {
        return invalid(List.of(new FieldError(field, code, message)));
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad request", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public static ApiException gone(String detail) {
        return new ApiException(410, "Gone", detail);
    }

    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(503, "Service unavailable", detail, List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
