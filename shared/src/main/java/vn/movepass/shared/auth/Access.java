package vn.movepass.shared.auth;

import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.UnauthenticatedException;

/** Role and scope rules of the API, in one place. */
public final class Access {
    private Access() {
    }

    /** Officers act only at their own checkpoint. */
    public static void requireOfficerAt(Principal principal, String checkpointId) {
        if (principal == null) {
            throw new UnauthenticatedException("a valid bearer token is required");
        }
        if (!principal.hasRole(Role.CHECKPOINT_OFFICER)) {
            throw new ForbiddenException("only checkpoint officers may act at a checkpoint");
        }
        if (!checkpointId.equals(principal.checkpointId())) {
            throw new ForbiddenException("this account belongs to another checkpoint");
        }
    }

    /**
     * A health official acts within their province ({@code province_code}; none = national). The
     * province is the citizen's (or case's) province of residence; when unknown, only a national
     * official may act. Other roles are not limited by province here.
     */
    public static void requireProvince(Principal principal, String provinceCode) {
        if (principal.role() != Role.HEALTH_OFFICIAL || principal.provinceCode() == null) {
            return;
        }
        if (!principal.provinceCode().equals(provinceCode)) {
            throw new ForbiddenException("this is outside the province of this account");
        }
    }

    /** A fixed camera scanner may only record passages of VALID scans, nothing else. */
    public static void refuseCamera(Principal principal) {
        if (principal.isCamera()) {
            throw new ForbiddenException("a camera scanner account may only scan with record: true");
        }
    }

    public static void requireRole(Principal principal, Role... roles) {
        if (!principal.hasRole(roles)) {
            throw new ForbiddenException("this needs one of the roles " + java.util.List.of(roles));
        }
    }
}
