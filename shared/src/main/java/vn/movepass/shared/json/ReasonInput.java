package vn.movepass.shared.json;

import com.fasterxml.jackson.databind.JsonNode;
import vn.movepass.shared.domain.Reason;

/**
 * Reads the {@code {"reason": "..."}} body that revoking a pass or a permit, suspending a shipper and disabling an
 * account share: a reason is required, at most {@value Reason#MAX_LENGTH} characters.
 */
public final class ReasonInput {
    private ReasonInput() {
    }

    public static Reason parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("reason");
        String reason = in.string("reason", true, Reason.MAX_LENGTH);
        in.throwIfInvalid();
        return new Reason(reason);
    }
}
