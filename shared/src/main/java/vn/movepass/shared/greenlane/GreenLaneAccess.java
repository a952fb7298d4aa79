package vn.movepass.shared.greenlane;

import java.util.Collection;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.store.CheckpointItem;

/**
 * Who may manage green-lane records: ADMIN, or a HEALTH_OFFICIAL whose scope covers the record
 * (national when the token has no {@code province_code}, else that province).
 */
public final class GreenLaneAccess {
    private GreenLaneAccess() {
    }

    public static void requireManager(Principal p) {
        if (!p.hasRole(Role.ADMIN, Role.HEALTH_OFFICIAL)) {
            throw new ForbiddenException("this needs one of the roles [ADMIN, HEALTH_OFFICIAL]");
        }
    }

    /** A record belonging to one province (a permit: the province of its route's first ward). */
    static void requireManagerOf(Principal p, String provinceCode) {
        requireManager(p);
        if (p.hasRole(Role.HEALTH_OFFICIAL) && p.provinceCode() != null && !p.provinceCode().equals(provinceCode)) {
            throw new ForbiddenException("this record belongs to another province");
        }
    }

    /** A record spanning wards (a shipper's operating wards): every ward must be in the official's province. */
    static void requireManagerOfWards(Principal p, Collection<String> wardCodes, AdministrativeUnits units) {
        requireManager(p);
        if (p.hasRole(Role.HEALTH_OFFICIAL) && p.provinceCode() != null) {
            for (String code : wardCodes) {
                String province = units.ward(code).map(Ward::provinceCode).orElse(null);
                if (!p.provinceCode().equals(province)) {
                    throw new ForbiddenException("ward " + code + " is outside this account's province");
                }
            }
        }
    }

    /** The ward police of {@code wardCode} only (a depot check in their ward). */
    public static void requireWardPolice(Principal p, String wardCode) {
        if (!p.hasRole(Role.WARD_POLICE)) {
            throw new ForbiddenException("a depot check is for the ward police");
        }
        if (!wardCode.equals(p.wardCode())) {
            throw new ForbiddenException("this account belongs to another ward");
        }
    }

    /** As for pass scans: an unknown checkpoint is 404, an inactive one refuses scans. */
    static CheckpointItem requireActive(CheckpointItem checkpoint) {
        if (checkpoint == null) {
            throw new NotFoundException("no such checkpoint");
        }
        if (Boolean.FALSE.equals(checkpoint.active())) {
            throw new ForbiddenException("this checkpoint is not active");
        }
        return checkpoint;
    }
}
