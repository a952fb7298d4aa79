package vn.movepass.shared.vaccination;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.store.Tables;

/**
 * Whose a scanned {@code VC1:} certificate is: a genuine signature, then the server's record
 * ({@code CERT#<certificateId>} in VaccinationTable), so a checkpoint or a venue answers the holder's health from the
 * store, not from the certificate's own (older) summary.
 */
public final class Certificates {
    private final DynamoDbClient dynamo;
    private final String table;
    private final CertificateCodec codec;

    public Certificates(DynamoDbClient dynamo, String table, CertificateCodec codec) {
        this.dynamo = dynamo;
        this.table = table;
        this.codec = codec;
    }

    public static Certificates create(Platform p) {
        return new Certificates(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE),
                new CertificateCodec(PassSigning.keys(p.environment())));
    }

    public static boolean looksLikeCertificate(String code) {
        return code != null && code.startsWith(CertificateCodec.PREFIX);
    }

    /** The holder's citizen id; empty when the certificate is forged, altered or not ours. */
    public Optional<String> citizenOf(String token) {
        CertificateCodec.Claims claims;
        try {
            claims = codec.verify(token);
        } catch (InvalidPassTokenException e) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(key(claims.certificateIdString()))).item();
        if (item == null || !item.containsKey("citizenId")) {
            return Optional.empty();
        }
        return Optional.of(item.get("citizenId").s());
    }

    static Map<String, AttributeValue> key(String certificateId) {
        return Map.of("pk", AttributeValue.fromS("CERT#" + certificateId), "sk", AttributeValue.fromS("CERT"));
    }
}
