package vn.movepass.shared.scan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.health.Colour;
import vn.movepass.shared.id.AesGcm;

/**
 * A scan id is the scan itself, sealed with AES-256-GCM: the officer's phone carries it from the
 * scan to the confirmation, so a scan costs no write, and nobody can forge, alter or read one
 * (it names the citizen). Layout before sealing: version, scannedAt (epoch s), verdict, then
 * length-prefixed checkpoint id, pass id and citizen id,
 * then the holder's health colour (0 unknown, else ordinal + 1), then for a green-lane scan only: its kind (1 vehicle,
 * 2 shipper) and length-prefixed plate, origin ward and destination ward (person scans end after the colour).
 */
public final class ScanIds {
    private static final byte VERSION = 1;
    private static final byte[] AAD = "movepass-scan-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final IdSource ids;

    public ScanIds(byte[] key, IdSource ids) {
        if (key.length != 32) {
            throw new IllegalStateException("SCAN_KEY must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.ids = ids;
    }

    public static ScanIds fromEnvironment(Environment env, IdSource ids) {
        try {
            return new ScanIds(Base64.getDecoder().decode(env.require(EnvKey.SCAN_KEY)), ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SCAN_KEY is not base64");
        }
    }

    /**
     * What a scan id carries; {@code colour} is the holder's health colour at scan time (null when unknown),
     * {@code greenLane} what a green-lane vehicle or shipper scan adds (null for a person's scan).
     */
    public record Scan(Instant scannedAt, Verdict verdict, String checkpointId, String passId, String citizenId, Colour colour,
                       GreenLane greenLane) {
        public Scan(Instant scannedAt, Verdict verdict, String checkpointId, String passId, String citizenId) {
            this(scannedAt, verdict, checkpointId, passId, citizenId, null, null);
        }

        public Scan(Instant scannedAt, Verdict verdict, String checkpointId, String passId, String citizenId, Colour colour) {
            this(scannedAt, verdict, checkpointId, passId, citizenId, colour, null);
        }
    }

    /** A green-lane scan's kind. */
    public enum Kind { VEHICLE, SHIPPER }

    /**
     * What a green-lane scan's confirmation needs: its kind, the permit's plate (a vehicle) and the permit route's first
     * and last wards (the trip's origin and destination, fed as a declaration's are); null where unknown.
     */
    public record GreenLane(Kind kind, String plate, String originWard, String destinationWard) {
    }

    public String seal(Scan scan) {
        ByteBuffer plain = ByteBuffer.allocate(512);
        plain.put(VERSION).putLong(scan.scannedAt().getEpochSecond()).put((byte) scan.verdict().ordinal());
        putString(plain, scan.checkpointId());
        putString(plain, scan.passId());
        putString(plain, scan.citizenId());
        plain.put((byte) (scan.colour() == null ? 0 : scan.colour().ordinal() + 1));
        GreenLane lane = scan.greenLane();
        if (lane != null) {
            plain.put((byte) (lane.kind().ordinal() + 1));
            putString(plain, lane.plate());
            putString(plain, lane.originWard());
            putString(plain, lane.destinationWard());
        }
        return AesGcm.seal(key, ids, AAD, plain.array(), plain.position());
    }

    /** The scan inside, or null when the id was not sealed by us (forged, altered, truncated). */
    public Scan open(String scanId) {
        if (scanId == null || scanId.length() > 700) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(scanId);
            if (raw.length < AesGcm.NONCE + AesGcm.TAG_BITS / 8 + 1) {
                return null;
            }
            ByteBuffer plain = ByteBuffer.wrap(AesGcm.open(key, AAD, raw));
            if (plain.get() != VERSION) {
                return null;
            }
            Instant at = Instant.ofEpochSecond(plain.getLong());
            Verdict verdict = Verdict.values()[plain.get()];
            String checkpointId = getString(plain);
            String passId = getString(plain);
            String citizenId = getString(plain);
            // ids sealed before the colour was added end here
            int colour = plain.hasRemaining() ? plain.get() : 0;
            // a person's scan ends here; a green-lane scan goes on with its kind, plate and route
            GreenLane lane = null;
            if (plain.hasRemaining()) {
                Kind kind = Kind.values()[plain.get() - 1];
                lane = new GreenLane(kind, getString(plain), getString(plain), getString(plain));
            }
            return new Scan(at, verdict, checkpointId, passId, citizenId, colour == 0 ? null : Colour.values()[colour - 1], lane);
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.BufferUnderflowException
                 | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The passage a scan can become: derived, so a repeated confirmation finds the same one. */
    public static String passageIdOf(String scanId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("passage:" + scanId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putString(ByteBuffer buffer, String value) {
        if (value == null) {
            buffer.put((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("value too long for a scan id");
        }
        buffer.put((byte) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        int length = Byte.toUnsignedInt(buffer.get());
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
