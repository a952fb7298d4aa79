package vn.movepass.shared.error;

/**
 * Why a service refused or could not do what was asked, in the service's own terms. Services throw these and
 * know nothing of HTTP; the one mapping to problem+json answers is {@code vn.movepass.shared.http.Problems}.
 * The message is the detail shown to the client: it never carries personal data. No stack trace is kept: these are
 * answers, not bugs.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, MalformedInputException, UnauthenticatedException, ForbiddenException,
        NotFoundException, ConflictException, GoneException, DependencyUnavailableException,
        TooManyRequestsException {

    protected DomainException(String detail) {
        super(detail, null, false, false);
    }
}
