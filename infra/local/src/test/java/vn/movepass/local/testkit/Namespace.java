package vn.movepass.local.testkit;

import java.util.List;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;

/**
 * A test class's own corner of a shared runtime: checkpoint ids with a prefix, citizen ids with their own digits 7–9
 * (province, gender/century, birth year and the last three digits kept, so the rules of the id and the masked form
 * {@code 079******456} still hold), a real ward of the same district chosen by the slot, plates with their own number.
 *
 * @param slot 1–999, one per test class in a JVM
 */
public record Namespace(int slot) {
    public Namespace {
        if (slot < 1 || slot > 999) {
            throw new IllegalArgumentException("slot " + slot);
        }
    }

    /** {@code CP-A} → {@code N07-CP-A}. */
    public String checkpoint(String id) {
        return "N%02d-%s".formatted(slot, id);
    }

    /** {@code 079090123456} → {@code 079090007456}: digits 7–9 are the slot. */
    public String citizen(String id) {
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("not a citizen id");
        }
        return id.substring(0, 6) + "%03d".formatted(slot) + id.substring(9);
    }

    /** A real ward of the same district chosen by the slot (so province and district scopes stay as they were). */
    public String ward(String code) {
        AdministrativeUnits units = AdministrativeUnits.get();
        Ward ward = units.ward(code).orElseThrow(() -> new IllegalArgumentException("no ward " + code));
        List<Ward> district = units.wardsOf(ward.districtCode());
        return district.get((district.indexOf(ward) + slot) % district.size()).code();
    }

    /** {@code 51A-123.45} → {@code 51A-007.45}: the first group of digits is the slot. */
    public String plate(String plate) {
        return plate.replaceFirst("-\\d{3}\\.", "-%03d.".formatted(slot));
    }
}
