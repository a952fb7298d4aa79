package vn.movepass.local;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets a deployment would keep in Secrets Manager: the pass-signing seed, the scan-id key,
 * the local issuer's ES256 key, the exports' pseudonym (HMAC) secret, the page-token key and the offline health list's
 * secret. Kept in
 * {@code <data-dir>/keys/} so passes and tokens survive a restart; generated fresh in memory with {@code --in-memory}.
 */
public record LocalSecrets(String passSigningSeed, String scanKey, ECKey issuerKey, String exportPseudonymSecret,
                           String pageTokenKey, String healthListSecret) {

    public static LocalSecrets generate() {
        SecureRandom random = new SecureRandom();
        try {
            return new LocalSecrets(randomBase64(random, 32), randomBase64(random, 32),
                    new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate(), randomBase64(random, 32),
                    randomBase64(random, 32), randomBase64(random, 32));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalSecrets loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        Path file = dir.resolve("secrets.properties");
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(file)) {
                    p.load(in);
                }
                boolean added = false;
                // a data dir from before exports, sealed page tokens or the health list: add the secret, keep the rest
                for (String name : new String[]{"exportPseudonymSecret", "pageTokenKey", "healthListSecret"}) {
                    if (p.getProperty(name) == null) {
                        p.setProperty(name, randomBase64(new SecureRandom(), 32));
                        added = true;
                    }
                }
                if (added) {
                    try (var out = Files.newBufferedWriter(file)) {
                        p.store(out, "MovePass local secrets: never use these outside this machine");
                    }
                }
                return new LocalSecrets(p.getProperty("passSigningSeed"), p.getProperty("scanKey"),
                        ECKey.parse(p.getProperty("issuerJwk")), p.getProperty("exportPseudonymSecret"),
                        p.getProperty("pageTokenKey"), p.getProperty("healthListSecret"));
            }
            LocalSecrets created = generate();
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("passSigningSeed", created.passSigningSeed());
            p.setProperty("scanKey", created.scanKey());
            p.setProperty("issuerJwk", created.issuerKey().toJSONString());
            p.setProperty("exportPseudonymSecret", created.exportPseudonymSecret());
            p.setProperty("pageTokenKey", created.pageTokenKey());
            p.setProperty("healthListSecret", created.healthListSecret());
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "MovePass local secrets: never use these outside this machine");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("corrupt " + file, e);
        }
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
