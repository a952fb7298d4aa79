package vn.movepass.shared.pass;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/** Shared fixtures for the tests. */
final class TestData {

    static final HexFormat HEX = HexFormat.of();

    static final byte[] SEED_A = HEX.parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] SEED_B = HEX.parseHex(
            "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");

    private TestData() {
    }

    static PassClaims claims(String name) {
        return new PassClaims(
                HEX.parseHex("00112233445566778899aabbccddeeff"),
                Instant.parse("2021-08-23T00:00:00Z"),
                Instant.parse("2021-08-26T00:00:00Z"),
                name,
                LocalDate.of(1990, 5, 17),
                "079******456");
    }

    static PassClaims claims() {
        return claims("Nguyễn Văn An");
    }
}
