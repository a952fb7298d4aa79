package vn.movepass.shared.http;

/** Role and scope rules of the API, in one place. */
public final class Access {
    private Access() {
    }

    /** Officers act only at their own checkpoint. */
    public static void requireOfficerAt(Principal principal, String checkpointId) {
        if (!principal.hasRole(Role.CHECKPOINT_OFFICER)) {
            throw ApiException.forbidden("only checkpoint officers may act at a checkpoint");
        }
        if (!checkpointId.equals(principal.checkpointId())) {
            throw ApiException.forbidden("this account belongs to another checkpoint");
        }
    }

    public static void requireRole(Principal principal, Role... roles) {
        if (!principal.hasRole(roles)) {
            throw ApiException.forbidden("this needs one of the roles " + java.util.List.of(roles));
        }
    }
}
