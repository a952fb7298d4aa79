package vn.movepass.shared.pass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
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
 *
 * <p>The list is the same for every reader, and every officer's phone asks for it every few minutes: at 4,500 phones over
 * 20,000 revoked passes a Query per request would take 76 % of the {@code REVOKED} key's read limit (docs/capacity.md,
 * fix 4). So a function instance reads it at most once per {@code maxAge} (REVOCATION_LIST_MAX_AGE_SECONDS, 60) and serves
 * that snapshot, with its {@code asOf}, until then; a revocation reaches the list within {@code maxAge}. The age is
 * judged on the injected clock (a clock that moves forward past it, or back before the snapshot, reads again).
 */
public final class RevocationList {
    /** How an entry is made, for the client: SHA-256 of the pass-id bytes, its first 8 bytes, base64url. */
    public static final String ENTRY = "SHA-256/64 of the pass id bytes, base64url";
    private static final int ENTRY_BYTES = 8;

    private final Function<Instant, List<String>> revokedAt;
    private final Clock clock;
    private final Duration maxAge;
    private View snapshot;
    private String snapshotTag;
    private Instant snapshotAt;

    /** The answer: when it was read, how entries are made, and the entries, sorted. */
    public record View(String asOf, String entry, int count, List<String> revoked) {
    }

    /**
     * What is served: the list (null when the caller's copy, named by {@code etag}, is current) and the tag of its entries
     * (the same entries give the same tag whenever they were read, so a phone whose copy is current gets {@code 304}).
     */
    public record Answer(View list, String etag) {
        public boolean notModified() {
            return list == null;
        }
    }

    public RevocationList(DynamoDbTable<PassItem> passes, Clock clock, Duration maxAge) {
        this(now -> revokedIds(passes, now), clock, maxAge);
    }

    /** {@code revokedAt}: the pass ids revoked and unexpired at an instant (the table's Query; a fake in unit tests). */
    RevocationList(Function<Instant, List<String>> revokedAt, Clock clock, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalStateException("REVOCATION_LIST_MAX_AGE_SECONDS must not be negative");
        }
        this.revokedAt = revokedAt;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public static RevocationList create(Platform p) {
        return new RevocationList(Tables.passes(p), p.clock(),
                Duration.ofSeconds(p.environment().integer(EnvKey.REVOCATION_LIST_MAX_AGE_SECONDS)));
    }

    /** How long a snapshot is served: the answer's {@code Cache-Control: max-age} too. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Who may read it: checkpoint officers (their phones check passes offline) and ADMIN. A fixed camera has no use for it. */
    public static void requireReader(Principal who) {
        if (!who.hasRole(Role.CHECKPOINT_OFFICER, Role.ADMIN) || who.isCamera()) {
            throw new ForbiddenException("only checkpoint officers and ADMIN may read the revocation list");
        }
    }

    /**
     * The passes revoked and unexpired, as entries: the snapshot read at most {@code maxAge} ago (its {@code asOf}), else
     * read now. One reader reads at a time; the others wait and take what it read.
     */
    public View current(Principal who) {
        return current(who, null).list();
    }

    /** {@link #current(Principal)}, or not modified when {@code ifNoneMatch} (the tag of the caller's copy, or null) is its tag. */
    public Answer current(Principal who, String ifNoneMatch) {
        requireReader(who);
        synchronized (this) {
            Instant now = clock.instant();
            if (snapshot == null || now.isBefore(snapshotAt) || !now.isBefore(snapshotAt.plus(maxAge))) {
                snapshot = read(now);
                snapshotTag = tag(snapshot.revoked());
                snapshotAt = now;
            }
            return new Answer(snapshotTag.equals(ifNoneMatch) ? null : snapshot, snapshotTag);
        }
    }

    /** The ETag of a list of entries: the first 16 bytes of SHA-256 of the entries, one a line, base64url, quoted. */
    static String tag(List<String> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String e : entries) {
                sha.update((e + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private View read(Instant now) {
        List<String> revoked = new ArrayList<>();
        for (String passId : revokedAt.apply(now)) {
            revoked.add(entry(passId));
        }
        revoked.sort(null);
        return new View(Times.iso(now), ENTRY, revoked.size(), List.copyOf(revoked));
    }

    /** One Query of the sparse index: the ids of the passes revoked and unexpired at {@code now}. */
    private static List<String> revokedIds(DynamoDbTable<PassItem> passes, Instant now) {
        var query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder().partitionValue(PassItem.REVOKED)
                        .sortValue(now.getEpochSecond()).build()))
                .build();
        String prefix = PassTableKeys.pass("");
        List<String> ids = new ArrayList<>();
        for (var page : passes.index(PassItem.REVOCATION_INDEX).query(query)) {
            for (PassItem item : page.items()) {
                if (item.pk() != null && item.pk().startsWith(prefix)) {
                    ids.add(item.pk().substring(prefix.length()));
                }
            }
        }
        return ids;
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
