package vn.movepass.shared.config;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where unguessable ids and key material come from. The default draws from a {@link SecureRandom}
 * created on first use, never at class init, so a SnapStart snapshot holds no random state.
 */
public interface IdSource {
    void nextBytes(byte[] into);

    default byte[] bytes(int count) {
        byte[] out = new byte[count];
        nextBytes(out);
        return out;
    }

    /** 128 random bits, base64url without padding (22 characters). */
    default String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(16));
    }

    static IdSource secure() {
        return new IdSource() {
            private volatile SecureRandom random;

            @Override
            public void nextBytes(byte[] into) {
                SecureRandom r = random;
                if (r == null) {
                    synchronized (this) {
                        if (random == null) {
                            random = new SecureRandom();
                        }
                        r = random;
                    }
                }
                r.nextBytes(into);
            }
        };
    }
}
