package vn.movepass.shared.trace;

import java.util.Comparator;

/**
 * Why someone is a contact: they crossed the same checkpoint within the window of the traced
 * person's passage, rode a vehicle with the same plate, or stayed at the same venue at the same time. {@code at} is
 * the traced person's instant (a venue stay's IN), {@code contactAt} the contact's; {@code checkpointId} is null for
 * a venue, {@code venueId} null for a checkpoint.
 */
public record Evidence(String kind, String checkpointId, String at, String contactAt, String plate, String via,
                       String venueId) {
    public static final String SAME_CHECKPOINT = "SAME_CHECKPOINT";
    public static final String SAME_VEHICLE = "SAME_VEHICLE";
    public static final String SAME_VENUE = "SAME_VENUE";

    /** Evidence at a checkpoint or in a vehicle. */
    public Evidence(String kind, String checkpointId, String at, String contactAt, String plate, String via) {
        this(kind, checkpointId, at, contactAt, plate, via, null);
    }

    /** Where: the checkpoint, or the venue. */
    public String place() {
        return checkpointId != null ? checkpointId : "venue:" + venueId;
    }

    /**
     * "First" evidence, made deterministic: the earliest contact instant, then the earliest traced
     * instant, then the rest. A person reached twice keeps the first — whatever order the queues
     * deliver work in.
     */
    public static final Comparator<Evidence> FIRST = Comparator.comparing(Evidence::contactAt)
            .thenComparing(Evidence::at)
            .thenComparing(Evidence::kind)
            .thenComparing(Evidence::place)
            .thenComparing(Evidence::via);

    /** A sortable text form of {@link #FIRST}, stored so a conditional write can compare. */
    public String orderKey() {
        return contactAt + "|" + at + "|" + kind + "|" + place() + "|" + via;
    }
}
