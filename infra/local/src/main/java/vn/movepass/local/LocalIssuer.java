package vn.movepass.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stand-in for Cognito and the API Gateway JWT authorizer: mints ES256 tokens for
 * {@code POST /dev/tokens} and checks bearer tokens the way the authorizer does (signature with a
 * known key, {@code alg} ES256 only, {@code iss}, {@code aud}, {@code exp}, {@code nbf}).
 */
public final class LocalIssuer {
    public static final String ISSUER = "urn:movepass:local-issuer";
    public static final String AUDIENCE = "movepass";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final Clock clock;
    /**
     * Tokens whose ES256 signature verified, with their claims: the signature check (~1 ms of CPU, a quarter of a
     * scan's cost in the load bench) is made once per token, as the key never changes; the time, issuer and audience
     * checks still run on every request, against the dev clock.
     */
    private final Map<String, JWTClaimsSet> signed = new ConcurrentHashMap<>();
    private static final int SIGNED_CACHE = 4096;

    public LocalIssuer(ECKey key, Clock clock) {
        try {
            this.key = key;
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
            this.clock = clock;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String mint(String subject, Map<String, String> claims) {
        return mint(subject, claims, clock.instant());
    }

    /** A token as if issued at {@code now} (tests use it for expired tokens). */
    public String mint(String subject, Map<String, String> claims, Instant now) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        return sign(builder.build());
    }

    /** Signs any claims with the issuer's key (tests forge wrong issuers and audiences with it). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The token's claims as strings (as API Gateway passes them), or empty when it must be refused (401). */
    public Optional<Map<String, String>> verify(String token) {
        try {
            JWTClaimsSet claims = signed.get(token);
            if (claims == null) {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                    return Optional.empty();
                }
                claims = jwt.getJWTClaimsSet();
                if (signed.size() >= SIGNED_CACHE) {
                    signed.clear();
                }
                signed.put(token, claims);
            }
            Date now = Date.from(clock.instant());
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)
                    || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now))) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : claims.getClaims().entrySet()) {
                Object v = e.getValue();
                if (v instanceof Date d) {
                    out.put(e.getKey(), String.valueOf(d.getTime() / 1000));
                } else if (v instanceof List<?> list) {
                    out.put(e.getKey(), list.size() == 1 ? String.valueOf(list.get(0)) : list.toString());
                } else {
                    out.put(e.getKey(), String.valueOf(v));
                }
            }
            return Optional.of(out);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public String publicJwks() {
        return "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
    }
}
