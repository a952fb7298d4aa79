package vn.movepass.shared.support;

import java.time.LocalDate;
import vn.movepass.shared.domain.Gender;

/** A beneficiary as a commune official enters them (one by one or as a line of an import). */
public record SupportCaseRequest(String citizenId, String fullName, LocalDate dateOfBirth, Gender gender, SupportPolicy policy,
                                 Residence residence, Integer days, Integer months, String note) {
}
