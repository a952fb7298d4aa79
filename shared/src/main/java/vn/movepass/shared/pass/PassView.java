package vn.movepass.shared.pass;

/** What {@code GET /v1/passes/{passId}} answers: enough for the citizen to show and print the pass. */
public record PassView(String passId, String status, String validFrom, String validUntil, String token, String shortCode,
                       Holder holder, Place origin, Place destination) {

    /** The holder as an officer compares them with the ID card. */
    public record Holder(String fullName, String citizenIdMasked) {
    }

    /** A ward and address of the route. */
    public record Place(String wardCode, String address) {
    }
}
