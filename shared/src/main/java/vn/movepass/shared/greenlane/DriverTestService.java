package vn.movepass.shared.greenlane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;

/** Records drivers' test results (a health official, or an officer at their checkpoint) and reads them back for verdicts. */
public final class DriverTestService implements RecentTests {
    /** A sampling time this far ahead of the server clock is tolerated (phones' clocks drift). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<DriverTestItem> tests;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final Clock clock;
    private final IdSource ids;

    public DriverTestService(DynamoDbEnhancedClient enhanced, DynamoDbTable<DriverTestItem> tests,
                             DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                             Clock clock, IdSource ids) {
        this.enhanced = enhanced;
        this.tests = tests;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.ids = ids;
    }

    public static DriverTestService create(Platform p) {
        return new DriverTestService(p.enhanced(), Tables.driverTests(p), Tables.residents(p), Tables.checkpoints(p),
                p.clock(), p.ids());
    }

    /** A recorded test as the API shows it ({@code validUntil} is null for a positive result). */
    public record TestView(String testId, String citizenIdMasked, String method, String result, String sampledAt,
                           String validUntil, String recordedAt, String checkpointId) {
        static TestView of(DriverTestItem t) {
            return new TestView(t.testId(), CitizenId.mask(t.citizenId()), t.method(), t.result(), t.sampledAt(),
                    TestJudge.validUntil(t).map(Times::iso).orElse(null), t.recordedAt(), t.checkpointId());
        }
    }

    /** {@code POST /v1/green-lane/driver-tests}: any HEALTH_OFFICIAL (a test is about a person, wherever taken). */
    public TestView recordByHealthOfficial(Principal official, DriverTestRequest request) {
        Access.requireRole(official, Role.HEALTH_OFFICIAL);
        return record(official, null, request);
    }

    /** {@code POST /v1/checkpoints/{id}/driver-tests}: the officer of that checkpoint, which must be active. */
    public TestView recordAtCheckpoint(Principal officer, String checkpointId, DriverTestRequest request) {
        Access.requireOfficerAt(officer, checkpointId);
        return record(officer, checkpointId, request);
    }

    private TestView record(Principal who, String checkpointId, DriverTestRequest request) {
        List<ReadBatch> reads = new ArrayList<>();
        reads.add(ReadBatch.builder(ResidentItem.class).mappedTableResource(residents)
                .addGetItem(Key.builder().partitionValue(request.citizenId()).build()).build());
        if (checkpointId != null) {
            reads.add(ReadBatch.builder(CheckpointItem.class).mappedTableResource(checkpoints)
                    .addGetItem(Key.builder().partitionValue(checkpointId).build()).build());
        }
        ResidentItem resident = null;
        CheckpointItem checkpoint = null;
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(reads))) {
            resident = resident != null ? resident : page.resultsForTable(residents).stream().findFirst().orElse(null);
            if (checkpointId != null && checkpoint == null) {
                checkpoint = page.resultsForTable(checkpoints).stream().findFirst().orElse(null);
            }
        }
        if (checkpointId != null) {
            GreenLaneAccess.requireActive(checkpoint);
        }
        if (resident == null) {
            throw InvalidInputException.of("citizenId", "NOT_IN_REGISTRY", "is not in the population registry");
        }
        Instant now = Times.seconds(clock.instant());
        String testId = ids.newId();
        DriverTestItem item = DriverTestItem.builder()
                .citizenId(request.citizenId())
                .sk(Times.iso(request.sampledAt()) + "#" + testId)
                .testId(testId)
                .method(request.method().name())
                .result(request.result().name())
                .sampledAt(Times.iso(request.sampledAt()))
                .recordedAt(Times.iso(now))
                .recordedBy(who.subject())
                .checkpointId(checkpointId)
                .expiresAt(request.sampledAt().plus(TestJudge.LOOK_BACK).getEpochSecond())
                .build();
        tests.putItem(item);
        return TestView.of(item);
    }

    /** The driver's tests that can still matter (sampled in the last 14 days), newest first: one Query. */
    @Override
    public List<DriverTestItem> recentTests(String citizenId, Instant now) {
        String since = Times.iso(now.minus(TestJudge.LOOK_BACK));
        var query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder().partitionValue(citizenId).sortValue(since).build()))
                .scanIndexForward(false)
                .limit(100)
                .build();
        List<DriverTestItem> out = new ArrayList<>();
        for (var page : tests.query(query)) {
            out.addAll(page.items());
            break;
        }
        return out;
    }
}
