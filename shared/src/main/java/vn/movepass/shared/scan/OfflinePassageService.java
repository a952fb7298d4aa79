package vn.movepass.shared.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassService;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.store.AccountItem;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * Passages the checkpoint page confirmed without network, sent when it is back. The token is verified again here (a
 * forged or foreign one is refused and nothing is stored), the instant must lie within the last 24 h and not ahead of
 * the server's clock by more than a phone's usual drift, and the confirmation id makes it idempotent: a guard item
 * ({@code CONFIRMATION#checkpoint#id} in PassagesTable, written in the passage's transaction and living just past
 * the 24 h window after which a replay is refused anyway) names the passage, so the same confirmation sent again,
 * whatever {@code at} it carries, answers the same passage. The passage is traced, fed and counted like any other;
 * its verdict is the pass's status at {@code at} (the decision was the officer's, offline).
 */
public final class OfflinePassageService {
    /** How far back an offline confirmation may be sent. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** How far ahead of the server a phone's clock may run. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final String GUARD_PREFIX = "CONFIRMATION#";

    private final PassageRecorder recorder;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<PassItem> passes;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final DynamoDbTable<AccountItem> accounts;
    private final String passagesTable;
    private final PassTokenCodec codec;
    private final Clock clock;

    public OfflinePassageService(PassageRecorder recorder, DynamoDbEnhancedClient enhanced, DynamoDbTable<PassItem> passes,
                                 DynamoDbTable<CheckpointItem> checkpoints, DynamoDbTable<AccountItem> accounts,
                                 String passagesTable, PassTokenCodec codec, Clock clock) {
        this.recorder = recorder;
        this.enhanced = enhanced;
        this.passes = passes;
        this.checkpoints = checkpoints;
        this.accounts = accounts;
        this.passagesTable = passagesTable;
        this.codec = codec;
        this.clock = clock;
    }

    public static OfflinePassageService create(Platform p) {
        return new OfflinePassageService(PassageRecorder.create(p), p.enhanced(), Tables.passes(p),
                Tables.checkpoints(p), Tables.accounts(p), Tables.passages(p).tableName(), PassSigning.codec(p.environment()),
                p.clock());
    }

    /** Records the offline confirmation once; {@code created} is false when it was recorded before. */
    public PassageRecorder.Recorded record(String checkpointId, Principal officer, OfflinePassageRequest request) {
        Instant now = clock.instant();
        Instant at = Times.seconds(request.at());
        if (at.isBefore(now.minus(WINDOW))) {
            throw InvalidInputException.of("at", "TOO_OLD", "must be within the last 24 hours");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw InvalidInputException.of("at", "IN_FUTURE", "must not be more than 2 minutes in the future");
        }
        PassClaims claims;
        try {
            claims = codec.verify(request.token());
        } catch (InvalidPassTokenException e) {
            throw InvalidInputException.of("token", "INVALID", "is not a pass token signed by this service");
        }
        Reads reads = read(claims.passIdString(), checkpointId, officer.subject());
        PassItem pass = reads.pass();
        if (pass != null && !MessageDigest.isEqual(pass.token().getBytes(StandardCharsets.US_ASCII),
                request.token().getBytes(StandardCharsets.US_ASCII))) {
            throw InvalidInputException.of("token", "INVALID", "is not the token of its pass");
        }
        Verdict verdict = pass != null ? Verdict.valueOf(PassService.status(pass, at))
                : at.isBefore(claims.validUntil()) ? Verdict.VALID : Verdict.EXPIRED;
        String passageId = passageId(checkpointId, request.confirmationId());
        ScanIds.Scan scan = new ScanIds.Scan(at, verdict, checkpointId, claims.passIdString(), pass == null ? null : pass.citizenId());
        String guardKey = GUARD_PREFIX + checkpointId + "#" + request.confirmationId();
        TransactWriteItem guard = TransactWriteItem.builder().put(Put.builder().tableName(passagesTable)
                .item(Map.of("pk", AttributeValue.fromS(guardKey), "sk", AttributeValue.fromS("CONFIRMATION"),
                        "confirmedPassageId", AttributeValue.fromS(passageId),
                        "expiresAt", AttributeValue.fromN(Long.toString(now.plus(WINDOW).plus(CLOCK_SKEW).plus(Duration.ofHours(1))
                                .getEpochSecond()))))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        try {
            return recorder.recordAs(passageId, scan, pass, reads.checkpoint(), request.direction(), request.decision(), null,
                    officer.subject(), null, null, List.of(guard));
        } catch (TransactionCanceledException e) {
            if (Transactions.failedConditions(e).contains(1)) {
                return new PassageRecorder.Recorded(passageId, false); // this confirmation was recorded before
            }
            throw e;
        }
    }

    /** The passage id of a confirmation: the same for every resend of it, unguessable from another checkpoint's. */
    static String passageId(String checkpointId, String confirmationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("offline-passage:" + checkpointId + "\n" + confirmationId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Reads(PassItem pass, CheckpointItem checkpoint) {
    }

    /** The pass, the checkpoint and the officer's account in one BatchGetItem; a closed checkpoint or account is refused. */
    private Reads read(String passId, String checkpointId, String officerSub) {
        Key passKey = Key.builder().partitionValue(PassTableKeys.pass(passId)).build();
        List<ReadBatch> reads = List.of(
                ReadBatch.builder(PassItem.class).mappedTableResource(passes).addGetItem(passKey).build(),
                ReadBatch.builder(CheckpointItem.class).mappedTableResource(checkpoints)
                        .addGetItem(Key.builder().partitionValue(checkpointId).build()).build(),
                ReadBatch.builder(AccountItem.class).mappedTableResource(accounts)
                        .addGetItem(Key.builder().partitionValue(officerSub).build()).build());
        PassItem pass = null;
        CheckpointItem checkpoint = null;
        AccountItem account = null;
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(reads))) {
            pass = pass != null ? pass : page.resultsForTable(passes).stream().findFirst().orElse(null);
            checkpoint = checkpoint != null ? checkpoint : page.resultsForTable(checkpoints).stream().findFirst().orElse(null);
            account = account != null ? account : page.resultsForTable(accounts).stream().findFirst().orElse(null);
        }
        Accounts.requireActive(account);
        if (checkpoint == null) {
            throw new NotFoundException("no such checkpoint");
        }
        if (Boolean.FALSE.equals(checkpoint.active())) {
            throw new ForbiddenException("this checkpoint is not active");
        }
        return new Reads(pass, checkpoint);
    }
}
