package vn.movepass.shared.campaign;

import java.time.Instant;
import java.time.LocalDate;
import vn.movepass.shared.domain.Gender;

/** The body of {@code POST /v1/vaccination-appointments}, parsed by {@link BookingParser}. */
public record BookingRequest(String citizenId, String fullName, LocalDate dateOfBirth, Gender gender, String phone,
                             PriorityGroup priorityGroup, String siteId, Instant slotStart) {
}
