package vn.movepass.shared.auth;

import java.util.Optional;

/** Officials' roles, carried in the bearer token's {@code role} claim. */
public enum Role {
    CHECKPOINT_OFFICER, WARD_POLICE, HEALTH_OFFICIAL, ANALYST, ADMIN,
    /** Records vaccine doses at one vaccination site ({@code site_id}). */
    VACCINATOR,
    /** Checks people in and out at one venue ({@code venue_id}): a supermarket, a pharmacy… */
    VENUE_OPERATOR,
    /** Policy support (Resolution 68): enters and pays beneficiaries of its own ward ({@code ward_code}). */
    COMMUNE_OFFICIAL;

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
