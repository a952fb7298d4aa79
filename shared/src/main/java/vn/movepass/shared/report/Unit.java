package vn.movepass.shared.report;

import java.util.List;
import java.util.Optional;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;

/**
 * An administrative unit a report is asked for: {@code national}, {@code province:79}, {@code district:760}
 * or {@code ward:26734} (GSO codes, as API.md writes them).
 */
public record Unit(Level level, String code) {
    /** The four levels, widest first. */
    public enum Level {
        NATIONAL, PROVINCE, DISTRICT, WARD
    }

    public static final Unit NATIONAL = new Unit(Level.NATIONAL, null);

    /** {@code national}, {@code province:79} …: the form the API and the counter keys use. */
    public String key() {
        return level == Level.NATIONAL ? "national" : level.name().toLowerCase(java.util.Locale.ROOT) + ":" + code;
    }

    @Override
    public String toString() {
        return key();
    }

    /** Parses and checks against the administrative units; empty when malformed or unknown. */
    public static Optional<Unit> parse(String raw, AdministrativeUnits units) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if ("national".equals(s)) {
            return Optional.of(NATIONAL);
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String level = s.substring(0, colon);
        String code = s.substring(colon + 1);
        return switch (level) {
            case "province" -> units.province(code).map(p -> new Unit(Level.PROVINCE, p.code()));
            case "district" -> units.district(code).map(d -> new Unit(Level.DISTRICT, d.code()));
            case "ward" -> units.ward(code).map(w -> new Unit(Level.WARD, w.code()));
            default -> Optional.empty();
        };
    }

    /** The ward and every unit containing it, narrowest last: national, province, district, ward. */
    public static List<Unit> chainOf(Ward ward) {
        return List.of(NATIONAL, new Unit(Level.PROVINCE, ward.provinceCode()),
                new Unit(Level.DISTRICT, ward.districtCode()), new Unit(Level.WARD, ward.code()));
    }

    /** The province this unit lies in, null for national. */
    public String provinceCode(AdministrativeUnits units) {
        return switch (level) {
            case NATIONAL -> null;
            case PROVINCE -> code;
            case DISTRICT -> units.district(code).map(d -> d.provinceCode()).orElse(null);
            case WARD -> units.ward(code).map(Ward::provinceCode).orElse(null);
        };
    }
}
