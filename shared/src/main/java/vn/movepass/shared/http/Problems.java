package vn.movepass.shared.http;

import java.util.List;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.GoneException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.MalformedInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.error.TooManyRequestsException;
import vn.movepass.shared.error.UnauthenticatedException;

/**
 * The one place that knows which HTTP answer each {@link DomainException} gets: its status, title and, for invalid
 * input, the {@code errors[]} of the problem+json body; the exception's message is the detail.
 */
public final class Problems {
    private Problems() {
    }

    public static ApiException of(DomainException e) {
        String detail = e.getMessage();
        if (e instanceof InvalidInputException invalid) {
            return new ApiException(400, "Invalid request", detail, invalid.errors(), null);
        }
        if (e instanceof MalformedInputException) {
            return plain(400, "Bad request", detail);
        }
        if (e instanceof UnauthenticatedException) {
            return plain(401, "Unauthorized", detail);
        }
        if (e instanceof ForbiddenException) {
            return plain(403, "Forbidden", detail);
        }
        if (e instanceof NotFoundException) {
            return plain(404, "Not found", detail);
        }
        if (e instanceof ConflictException conflict) {
            return conflict.error() == null ? plain(409, "Conflict", detail)
                    : new ApiException(409, "Conflict", detail, List.of(conflict.error()), null);
        }
        if (e instanceof GoneException) {
            return plain(410, "Gone", detail);
        }
        if (e instanceof TooManyRequestsException limited) {
            return new ApiException(429, "Too many requests", detail, List.of(), limited.retryAfterSeconds());
        }
        if (e instanceof DependencyUnavailableException unavailable) {
            return new ApiException(503, "Service unavailable", detail, List.of(), unavailable.retryAfterSeconds());
        }
        throw new IllegalStateException("no answer for " + e.getClass().getName());
    }

    private static ApiException plain(int status, String title, String detail) {
        return new ApiException(status, title, detail);
    }
}
