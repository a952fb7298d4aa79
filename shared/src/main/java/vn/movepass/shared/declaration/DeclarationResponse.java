package vn.movepass.shared.declaration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to a declaration: accepted with a pass, or rejected with reasons. */
public record DeclarationResponse(String declarationId, String status, List<String> reasons, List<String> flags,
                                  String declaredAt, @JsonInclude(JsonInclude.Include.NON_NULL) IssuedPass pass) {

    /** The pass handed to an accepted citizen. */
    public record IssuedPass(String passId, String token, String shortCode, String validFrom, String validUntil,
                             String qrPng, String qrSvg) {
    }
}
