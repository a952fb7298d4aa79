package vn.movepass.shared.http;

import java.util.List;
import vn.movepass.shared.error.FieldError;

/**
 * An answer other than success, rendered as {@code application/problem+json} (RFC 9457). Thrown directly only for
 * what is HTTP's own (405, 413, 415, 500, 502); services throw a {@link vn.movepass.shared.error.DomainException},
 * which {@link Problems} turns into one of these.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String title, String detail, List<FieldError> errors,
                        Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
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
