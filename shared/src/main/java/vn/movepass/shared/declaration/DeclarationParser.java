package vn.movepass.shared.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.Symptom;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.VehicleType;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.json.JsonInput;

/**
 * Turns the JSON body of {@code POST /v1/declarations} into a {@link DeclarationRequest}, or a 400
 * listing every field to correct. The web form applies the same rules before submitting.
 */
public final class DeclarationParser {
    /** A test older than 14 days says nothing of the trip; one ahead of the clock is a typo. */
    static final InstantBounds TEST_SAMPLED_AT = InstantBounds.lookBack(Duration.ofDays(14));
    static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'-]*");
    static final Pattern PHONE = Pattern.compile("(0|\\+84)[1-9][0-9]{8,9}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,63}");
    static final Pattern WARD = Pattern.compile("[0-9]{5}");
    public static final int MAX_DAYS_AHEAD = 3;

    private final Clock clock;
    private final AdministrativeUnits units;

    public DeclarationParser(Clock clock, AdministrativeUnits units) {
        this.clock = clock;
        this.units = units;
    }

    public DeclarationRequest parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "fullName", "dateOfBirth", "gender", "phone", "email", "residence", "origin",
                "destination", "departureDate", "purpose", "vehicle", "health", "test", "consent");
        LocalDate today = Times.vietnamDate(clock.instant());

        String citizenId = in.matching("citizenId", true, 12, CITIZEN_ID, "FORMAT", "must be the 12-digit personal identification number");
        String fullName = in.matching("fullName", true, 100, NAME, "FORMAT", "must contain letters, spaces, apostrophes or hyphens only");
        LocalDate dob = in.date("dateOfBirth", true);
        if (dob != null && (dob.isAfter(today) || dob.isBefore(LocalDate.of(1900, 1, 1)))) {
            in.error("dateOfBirth", "OUT_OF_RANGE", "must be between 1900-01-01 and today");
            dob = null;
        }
        Gender gender = in.enumValue("gender", Gender.class, true);
        String phone = in.matching("phone", true, 13, PHONE, "FORMAT", "must be a Vietnamese phone number like 0901234567");
        String email = in.matching("email", false, 254, EMAIL, "FORMAT", "must be an e-mail address");
        DeclarationRequest.Place residence = place(in, "residence");
        DeclarationRequest.Place origin = place(in, "origin");
        DeclarationRequest.Place destination = place(in, "destination");
        LocalDate departure = in.date("departureDate", true);
        if (departure != null && (departure.isBefore(today) || departure.isAfter(today.plusDays(MAX_DAYS_AHEAD)))) {
            in.error("departureDate", "OUT_OF_RANGE", "must be between today (" + today + ") and " + MAX_DAYS_AHEAD + " days ahead");
            departure = null;
        }
        Purpose purpose = in.enumValue("purpose", Purpose.class, true);
        DeclarationRequest.Vehicle vehicle = vehicle(in);
        DeclarationRequest.Health health = health(in);
        DeclarationRequest.Test test = test(in);
        Boolean consent = in.bool("consent", true);
        if (consent != null && !consent) {
            in.error("consent", "CONSENT_REQUIRED", "must be true: the declaration cannot be processed without consent");
        }
        in.throwIfInvalid();
        return new DeclarationRequest(citizenId, fullName, dob, gender, phone, email, residence, origin, destination,
                departure, purpose, vehicle, health, test);
    }

    private DeclarationRequest.Place place(JsonInput parent, String name) {
        JsonInput in = parent.object(name, true);
        if (!in.present()) {
            return null;
        }
        in.allowOnly("wardCode", "address");
        String ward = in.matching("wardCode", true, 5, WARD, "FORMAT", "must be a 5-digit ward code");
        if (ward != null && !units.isWard(ward)) {
            in.error("wardCode", "UNKNOWN_WARD", "is not a known ward code");
            ward = null;
        }
        String address = in.string("address", false, 200);
        return new DeclarationRequest.Place(ward, address);
    }

    private DeclarationRequest.Vehicle vehicle(JsonInput parent) {
        JsonInput in = parent.object("vehicle", true);
        if (!in.present()) {
            return null;
        }
        in.allowOnly("type", "plate");
        VehicleType type = in.enumValue("type", VehicleType.class, true);
        String plate = in.string("plate", type != null && type.requiresPlate(), 16);
        if (plate != null && !Plates.isWellFormed(plate)) {
            in.error("plate", "FORMAT", "must be a Vietnamese plate like 51A-123.45");
            plate = null;
        }
        return new DeclarationRequest.Vehicle(type, plate);
    }

    private DeclarationRequest.Health health(JsonInput parent) {
        JsonInput in = parent.object("health", false);
        if (!in.present()) {
            return DeclarationRequest.Health.NONE;
        }
        in.allowOnly("symptoms", "contactWithCase", "contactWithTraveller", "contactWithSymptomatic", "visitedPlaces");
        return new DeclarationRequest.Health(
                in.enumList("symptoms", Symptom.class, false, Symptom.values().length),
                Boolean.TRUE.equals(in.bool("contactWithCase", false)),
                Boolean.TRUE.equals(in.bool("contactWithTraveller", false)),
                Boolean.TRUE.equals(in.bool("contactWithSymptomatic", false)),
                in.string("visitedPlaces", false, 500));
    }

    private DeclarationRequest.Test test(JsonInput parent) {
        JsonInput in = parent.object("test", false);
        if (!in.present()) {
            return null;
        }
        in.allowOnly("method", "result", "sampledAt");
        TestMethod method = in.enumValue("method", TestMethod.class, true);
        TestResult result = in.enumValue("result", TestResult.class, true);
        var sampledAt = in.instant("sampledAt", true);
        TEST_SAMPLED_AT.check(in, "sampledAt", sampledAt, clock.instant());
        return new DeclarationRequest.Test(method, result, sampledAt);
    }
}
