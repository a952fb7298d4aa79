package vn.movepass.shared.vaccination;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.identity.IdentityFields;
import vn.movepass.shared.json.JsonInput;

/** The body of {@code POST /v1/vaccination-certificates}: the identity as on the chip-ID card. */
public final class CertificateParser {
    private final Clock clock;

    public CertificateParser(Clock clock) {
        this.clock = clock;
    }

    public CertificateService.Request parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "fullName", "dateOfBirth");
        var identity = IdentityFields.read(in, Times.vietnamDate(clock.instant()));
        in.throwIfInvalid();
        return new CertificateService.Request(identity.citizenId(), identity.fullName(), identity.dateOfBirth());
    }
}
