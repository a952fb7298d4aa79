package vn.movepass.shared.pass;

/**
 * What {@code GET /v1/passes/{passId}} answers: enough for the citizen to show and print the pass, and their health
 * colour and why ({@code health}: colour, level, state, until only; the pass id is a capability anyone holding the QR
 * link has, so no case id and no vaccination details). The colour is judged now from the copy on the pass and its
 * declaration's flags, without a province's vaccination policy (that is the checkpoint's).
 */
public record PassView(String passId, String status, String validFrom, String validUntil, String token, String shortCode,
                       Holder holder, Place origin, Place destination, Health health) {

    /** The holder's own health summary. */
    public record Health(String colour, String level, String state, String until) {
    }

    /** The holder as an officer compares them with the ID card. */
    public record Holder(String fullName, String citizenIdMasked) {
    }

    /** A ward and address of the route. */
    public record Place(String wardCode, String address) {
    }
}
