package vn.movepass.shared.error;

/** The caller is known but may not do this (role, scope, or a closed checkpoint). */
public final class ForbiddenException extends DomainException {
    public ForbiddenException(String detail) {
        super(detail);
    }
}
