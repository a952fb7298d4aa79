package vn.movepass.shared.health;

import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The daily report's {@code health} figures ({@code isolating, quarantined, monitoring, recovered, dosesGiven} per
 * unit as of the end of a day), kept as counters in the same transaction as the change that moves them. A state that
 * ends by the clock is counted by its start and end days, so the change that writes a snapshot also writes the
 * difference between the old snapshot's days and the new one's ({@link StayCounters}).
 */
public interface HealthCounters {
    /** No counters (unit tests of the rules' plumbing). */
    HealthCounters NONE = (citizenId, beforeWard, before, afterWard, after, doseDay) -> List.of();

    /**
     * The counter updates for one resident whose snapshot goes from {@code before} (counted in {@code beforeWard}; null:
     * never counted) to {@code after} (to be counted in {@code afterWard}; null: not counted); {@code doseDay} the day
     * of a vaccine dose the change records, or null.
     */
    List<TransactWriteItem> changes(String citizenId, String beforeWard, HealthSnapshot before, String afterWard,
                                    HealthSnapshot after, LocalDate doseDay);
}
