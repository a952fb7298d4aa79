package vn.movepass.shared.admin;

import com.fasterxml.jackson.databind.JsonNode;
import vn.movepass.shared.json.JsonInput;

/**
 * A province's checkpoint policy: {@code cardOnly} (a chip-ID card of a registry resident is the pass) and
 * {@code requireCompleteVaccination} (incomplete vaccination makes a holder AMBER at its checkpoints).
 */
public record ProvincePolicy(String provinceCode, boolean cardOnly, boolean requireCompleteVaccination, String updatedAt) {

    /** The body of {@code PUT /v1/admin/provinces/{provinceCode}/policy}: both fields required. */
    public record Change(boolean cardOnly, boolean requireCompleteVaccination) {
        public static Change parse(JsonNode body) {
            JsonInput in = JsonInput.root(body);
            in.allowOnly("cardOnly", "requireCompleteVaccination");
            Boolean cardOnly = in.bool("cardOnly", true);
            Boolean complete = in.bool("requireCompleteVaccination", true);
            in.throwIfInvalid();
            return new Change(cardOnly, complete);
        }
    }
}
