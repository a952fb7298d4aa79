package vn.movepass.shared.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.testhelper.SequentialIds;

class AesGcmTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private static final byte[] AAD = "test-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "a scan of 12 bytes".getBytes(StandardCharsets.UTF_8);

    private static byte[] raw(String sealed) {
        return Base64.getUrlDecoder().decode(sealed);
    }

    @Test
    void whatOneThreadSealsAnotherOpensAndEachValueHasItsOwnNonce() throws Exception {
        IdSource ids = new SequentialIds();
        String first = AesGcm.seal(KEY, ids, AAD, PLAIN, PLAIN.length);
        String second = CompletableFuture.supplyAsync(() -> AesGcm.seal(KEY, ids, AAD, PLAIN, PLAIN.length)).get();
        assertNotEquals(first, second);
        assertArrayEquals(PLAIN, AesGcm.open(KEY, AAD, raw(second)));
        assertArrayEquals(PLAIN, CompletableFuture.supplyAsync(() -> {
            try {
                return AesGcm.open(KEY, AAD, raw(first));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).get());
    }

    @Test
    void anAlteredValueOtherAssociatedDataOrATruncatedOneDoesNotOpen() {
        byte[] sealed = raw(AesGcm.seal(KEY, new SequentialIds(), AAD, PLAIN, PLAIN.length));
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> AesGcm.open(KEY, AAD, altered));
        assertThrows(GeneralSecurityException.class, () -> AesGcm.open(KEY, "other".getBytes(StandardCharsets.US_ASCII), sealed));
        assertThrows(GeneralSecurityException.class, () -> AesGcm.open(KEY, AAD, Arrays.copyOf(sealed, 20)));
    }

    @Test
    void aFixedIdSourceStillSealsTwiceInARow() throws Exception {
        IdSource fixed = into -> Arrays.fill(into, (byte) 7);
        String first = AesGcm.seal(KEY, fixed, AAD, PLAIN, PLAIN.length);
        String again = AesGcm.seal(KEY, fixed, AAD, PLAIN, PLAIN.length);
        assertArrayEquals(raw(first), raw(again));
        assertArrayEquals(PLAIN, AesGcm.open(KEY, AAD, raw(again)));
    }
}
