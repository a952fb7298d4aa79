package vn.movepass.shared.domain;

import java.time.LocalDate;

/**
 * One person from the population registry.
 *
 * @param citizenId         12-digit CCCD personal identification number
 * @param fullName          full name in Vietnamese (NFC), e.g. {@code Nguyễn Văn An}
 * @param dateOfBirth       date of birth
 * @param gender            gender
 * @param permanentWardCode 5-digit GSO code of the ward of permanent residence (thường trú)
 * @param permanentAddress  street part of the permanent address, e.g. {@code 12 Lê Lợi}
 * @param currentWardCode   5-digit GSO code of the ward of current residence (tạm trú / nơi ở hiện tại)
 * @param currentAddress    street part of the current address
 * @param dateOfDeath       date of death, or {@code null} if the person is alive
 * @param temporaryWardCode 5-digit GSO code of the ward of registered temporary residence (tạm trú), or {@code null}
 * @param temporaryAddress  street part of the temporary address, or {@code null}
 */
public record Resident(
        String citizenId,
        String fullName,
        LocalDate dateOfBirth,
        Gender gender,
        String permanentWardCode,
        String permanentAddress,
        String currentWardCode,
        String currentAddress,
        LocalDate dateOfDeath,
        String temporaryWardCode,
        String temporaryAddress) {

    /** A resident without a registered temporary residence. */
    public Resident(String citizenId, String fullName, LocalDate dateOfBirth, Gender gender, String permanentWardCode,
                    String permanentAddress, String currentWardCode, String currentAddress, LocalDate dateOfDeath) {
        this(citizenId, fullName, dateOfBirth, gender, permanentWardCode, permanentAddress, currentWardCode, currentAddress,
                dateOfDeath, null, null);
    }
}
