package vn.movepass.shared.declaration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.Symptom;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.domain.VehicleType;

/** A validated declaration, as the citizen (or the officer typing a paper one) sent it. */
public record DeclarationRequest(String citizenId, String fullName, LocalDate dateOfBirth, Gender gender, String phone,
                                 String email, Place residence, Place origin, Place destination, LocalDate departureDate,
                                 Purpose purpose, Vehicle vehicle, Health health, Test test) {

    /** A ward and a free-text address in it. */
    public record Place(String wardCode, String address) {
    }

    /** How the citizen travels. */
    public record Vehicle(VehicleType type, String plate) {
    }

    /** Self-declared health. */
    public record Health(List<Symptom> symptoms, boolean contactWithCase, boolean contactWithTraveller,
                         boolean contactWithSymptomatic, String visitedPlaces) {
        public static final Health NONE = new Health(List.of(), false, false, false, null);
    }

    /** A declared test result. */
    public record Test(TestMethod method, TestResult result, Instant sampledAt) {
    }
}
