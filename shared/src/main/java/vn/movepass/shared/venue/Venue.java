package vn.movepass.shared.venue;

import java.util.regex.Pattern;

/** A venue where people check in without a checkpoint. */
public record Venue(String venueId, String name, VenueType type, String wardCode, String provinceCode, String address,
                    boolean active) {
    /** A venue id as admins and ward police create them: letters, digits and hyphens (fits a poster token). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
}
