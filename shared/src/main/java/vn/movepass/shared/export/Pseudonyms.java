package vn.movepass.shared.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code HMAC-SHA256(secret, id)} as lowercase hex: the only form in which citizen ids (and other record ids) leave
 * the system in exports. The same secret gives the same pseudonym every day, so analysts can join days and files;
 * without the secret a pseudonym cannot be turned back into an id (a 12-digit id space is small, so the secret must
 * stay secret: it lives in Secrets Manager / a NoEcho parameter). Not thread-safe: one per export run.
 */
public final class Pseudonyms {
    private final Mac mac;

    public Pseudonyms(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalStateException("the pseudonym secret must have at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null stays null (an absent id), anything else becomes 64 hex characters. */
    public String of(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    }
}
