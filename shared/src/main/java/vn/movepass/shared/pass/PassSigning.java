package vn.movepass.shared.pass;

import com.fasterxml.jackson.databind.JsonNode;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;
import vn.movepass.shared.config.Priming;
import vn.movepass.shared.json.Json;

/** Builds the pass keys from the function's configuration, once per container. */
public final class PassSigning {
    private PassSigning() {
    }

    /** The active signing key, plus the public keys of PASS_VERIFICATION_KEYS (a JWKS) still accepted after a rotation. */
    public static PassKeys keys(Environment env) {
        Priming.warmUp("Ed25519", PassKeys::warmUp);
        PassKeys keys;
        try {
            keys = PassKeys.fromSeedBase64(env.require(EnvKey.PASS_SIGNING_SEED));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PASS_SIGNING_SEED is not a base64 32-byte seed");
        }
        String extra = env.require(EnvKey.PASS_VERIFICATION_KEYS);
        if (!extra.isBlank()) {
            for (JsonNode key : Json.readTree(extra).path("keys")) {
                keys = keys.withVerificationKey(key.toString());
            }
        }
        return keys;
    }

    public static PassTokenCodec codec(Environment env) {
        return new PassTokenCodec(keys(env));
    }
}
