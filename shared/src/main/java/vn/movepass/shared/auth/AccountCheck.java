package vn.movepass.shared.auth;

/** Checks that an authenticated official's account is still active (disabled accounts stop at once). */
@FunctionalInterface
public interface AccountCheck {
    AccountCheck NONE = principal -> { };

    void requireActive(Principal principal);
}
