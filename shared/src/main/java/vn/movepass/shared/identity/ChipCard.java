package vn.movepass.shared.identity;

import java.time.LocalDate;

import vn.movepass.shared.domain.Gender;

/**
 * The data encoded in the QR code of a chip-based citizen identity card (CCCD gắn chip).
 *
 * @param citizenId   12-digit personal identification number
 * @param oldId       the previous 9- or 12-digit id number, or {@code null} if none is printed
 * @param fullName    full name as printed (NFC, single spaces)
 * @param dateOfBirth date of birth
 * @param gender      gender, or {@code null} if the value was not recognised
 * @param address     place of permanent residence, or {@code null} if blank
 * @param issuedOn    date of issue, or {@code null} if blank or unreadable
 */
public record ChipCard(
        String citizenId,
        String oldId,
        String fullName,
        LocalDate dateOfBirth,
        Gender gender,
        String address,
        LocalDate issuedOn) {
}
