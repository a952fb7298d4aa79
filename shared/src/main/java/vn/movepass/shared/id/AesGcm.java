package vn.movepass.shared.id;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vn.movepass.shared.config.IdSource;

/**
 * AES-256-GCM sealing of the small values the phones carry back to us (scan ids, page tokens): a fresh 12-byte nonce from
 * the injected id source, a 128-bit tag, the caller's associated data, and base64url of nonce + ciphertext.
 *
 * <p>Each thread keeps one {@link Cipher} and initialises it again per value (with that value's own nonce): looking a
 * cipher up in the JCA providers was half of a scan id's sealing time. A cipher holds no key material or randomness
 * between uses that a SnapStart snapshot could share.
 */
public final class AesGcm {
    public static final int NONCE = 12;
    public static final int TAG_BITS = 128;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private AesGcm() {
    }

    /** base64url (no padding) of a fresh nonce followed by {@code plain[0, length)} sealed under {@code key} with {@code aad}. */
    public static String seal(SecretKeySpec key, IdSource ids, byte[] aad, byte[] plain, int length) {
        byte[] nonce = ids.bytes(NONCE);
        try {
            Cipher cipher = CIPHER.get();
            GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, nonce);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException sameNonceAsLastTime) {
                // a cipher refuses the key and nonce it last encrypted with: only a fixed id source (tests) repeats one
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain, 0, length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The plain bytes inside {@code raw} (nonce + ciphertext, already base64-decoded), or an exception when it was not
     * sealed under {@code key} with {@code aad} (forged, altered, truncated).
     */
    public static byte[] open(SecretKeySpec key, byte[] aad, byte[] raw) throws GeneralSecurityException {
        if (raw.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short to be sealed");
        }
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
        cipher.updateAAD(aad);
        return cipher.doFinal(raw, NONCE, raw.length - NONCE);
    }
}
