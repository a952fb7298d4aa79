package vn.movepass.shared.pass;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.Tables;

/**
 * The revocation list that the checkpoint page keeps for scanning without network: the passes revoked and not yet
 * expired, read from the sparse {@link PassItem#REVOCATION_INDEX} (a revoked pass carries {@code revokedList}; TTL
 * removes it at {@code validUntil}, and the query leaves out what TTL has not removed yet).
 *
 * <p>The list never carries a pass id: the id is the capability that opens the pass's page (name, route), so each
 * entry is {@link #entry(byte[])}, the first 8 bytes of SHA-256 of the 16 pass-id bytes in base64url (11 characters).
 * A page that holds a token computes the same from the token's pass id; the list alone opens nothing. A stranger's
 * pass matches an entry by chance with probability about n / 2^64.
 */
public final class RevocationList {
    /** How an entry is made, for the client: SHA-256 of the pass-id bytes, its first 8 bytes, base64url. */
    public static final String ENTRY = "SHA-256/64 of the pass id bytes, base64url";
    private static final int ENTRY_BYTES = 8;

    private final DynamoDbTable<PassItem> passes;
    private final Clock clock;

    /** The answer: when it was read, how entries are made, and the entries, sorted. */
    public record View(String asOf, String entry, int count, List<String> revoked) {
    }

    public RevocationList(DynamoDbTable<PassItem> passes, Clock clock) {
        this.passes = passes;
        this.clock = clock;
    }

    public static RevocationList create(Platform p) {
        return new RevocationList(Tables.passes(p), p.clock());
    }

    /** Who may read it: checkpoint officers (their phones check passes offline) and ADMIN. A fixed camera has no use for it. */
    public static void requireReader(Principal who) {
        if (!who.hasRole(Role.CHECKPOINT_OFFICER, Role.ADMIN) || who.isCamera()) {
            throw new ForbiddenException("only checkpoint officers and ADMIN may read the revocation list");
        }
    }

    /** The passes revoked and still unexpired now, as entries. */
    public View current(Principal who) {
        requireReader(who);
        Instant now = clock.instant();
        var query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder().partitionValue(PassItem.REVOKED)
                        .sortValue(now.getEpochSecond()).build()))
                .build();
        String prefix = PassTableKeys.pass("");
        List<String> revoked = new ArrayList<>();
        for (var page : passes.index(PassItem.REVOCATION_INDEX).query(query)) {
            for (PassItem item : page.items()) {
                if (item.pk() != null && item.pk().startsWith(prefix)) {
                    revoked.add(entry(item.pk().substring(prefix.length())));
                }
            }
        }
        revoked.sort(null);
        return new View(Times.iso(now), ENTRY, revoked.size(), List.copyOf(revoked));
    }

    /** The entry of a textual pass id (22 base64url characters). */
    public static String entry(String passId) {
        return entry(PassClaims.passIdBytes(passId));
    }

    /** The entry of 16 pass-id bytes: base64url of the first 8 bytes of their SHA-256. */
    public static String entry(byte[] passId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passId);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, ENTRY_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
