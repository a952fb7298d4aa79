package vn.movepass.shared.auth;

import java.util.Map;
import java.util.Optional;

/**
 * The authenticated official behind a request, read from the JWT claims that the API Gateway
 * authorizer (or the embedded runtime's equivalent) put in {@code requestContext.authorizer.jwt.claims}.
 * Cognito custom attributes ({@code custom:role} …) are accepted as well as plain claims.
 */
public record Principal(String subject, Role role, String checkpointId, String wardCode, String provinceCode, String device,
                        String siteId, String venueId) {
    /** The {@code device} claim of a fixed camera scanner's account. */
    public static final String CAMERA = "CAMERA";

    public Principal(String subject, Role role, String checkpointId, String wardCode, String provinceCode) {
        this(subject, role, checkpointId, wardCode, provinceCode, null, null, null);
    }

    public Principal(String subject, Role role, String checkpointId, String wardCode, String provinceCode, String device) {
        this(subject, role, checkpointId, wardCode, provinceCode, device, null, null);
    }

    /** A fixed camera scanner bound to its checkpoint: it may only scan with {@code record: true}. */
    public boolean isCamera() {
        return CAMERA.equals(device);
    }


    public static Optional<Principal> fromClaims(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        String sub = claims.get("sub");
        Optional<Role> role = Role.parse(claim(claims, "role"));
        if (sub == null || sub.isBlank() || role.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Principal(sub, role.get(), claim(claims, "checkpoint_id"),
                claim(claims, "ward_code"), claim(claims, "province_code"), claim(claims, "device"),
                claim(claims, "site_id"), claim(claims, "venue_id")));
    }

    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        if (value == null) {
            value = claims.get("custom:" + name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
