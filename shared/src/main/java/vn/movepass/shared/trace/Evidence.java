package vn.movepass.shared.trace;

import java.util.Comparator;

/**
 * Why someone is a contact: they crossed the same checkpoint within the window of the traced
 * person's passage, or rode a vehicle with the same plate. {@code at} is the traced person's
 * instant, {@code contactAt} the contact's.
 */
public record Evidence(String kind, String checkpointId, String at, String contactAt, String plate, String via) {
    public static final String SAME_CHECKPOINT = "SAME_CHECKPOINT";
    public static final String SAME_VEHICLE = "SAME_VEHICLE";

    /**
     * "First" evidence, made deterministic: the earliest contact instant, then the earliest traced
     * instant, then the rest. A person reached twice keeps the first — whatever order the queues
     * deliver work in.
     */
    public static final Comparator<Evidence> FIRST = Comparator.comparing(Evidence::contactAt)
            .thenComparing(Evidence::at)
            .thenComparing(Evidence::kind)
            .thenComparing(Evidence::checkpointId)
            .thenComparing(Evidence::via);

    /** A sortable text form of {@link #FIRST}, stored so a conditional write can compare. */
    public String orderKey() {
        return contactAt + "|" + at + "|" + kind + "|" + checkpointId + "|" + via;
    }
}
