package vn.movepass.shared.health;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The daily report's {@code health} figures ({@code isolating, quarantined, monitoring, recovered, dosesGiven} per
 * unit as of the end of a day), kept as counters in the same transaction as the change that moves them. A state
 * that ends by the clock is counted by its start and end days, so the change that writes a snapshot also writes the
 * difference between the old snapshot's days and the new one's.
 */
public interface HealthCounters {
    /** No counters (until the reports keep them). */
    HealthCounters NONE = (wardCode, before, after, doseGiven) -> List.of();

    /**
     * The counter updates for one resident of {@code wardCode} whose snapshot goes from {@code before} to
     * {@code after}; {@code doseGiven} when the change is a vaccine dose (counted on its day).
     */
    List<TransactWriteItem> changes(String wardCode, HealthSnapshot before, HealthSnapshot after, boolean doseGiven);
}
