package vn.movepass.shared.admin;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.MalformedInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Province;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.page.PageTokens;
import vn.movepass.shared.registry.RegistryCsv;
import vn.movepass.shared.registry.RegistryWriter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;

/** Population registry import and checkpoint administration (role ADMIN). */
public final class AdminService {
    /** The page tokens\' list name of the checkpoints. */
    static final String CHECKPOINTS_LIST = "checkpoints";
    private static final int MAX_REJECTIONS_LISTED = 1000;
    private static final int BATCH = 25;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final PageTokens pageTokens;
    private final RegistryWriter registry;

    public AdminService(DynamoDbEnhancedClient enhanced, DynamoDbTable<ResidentItem> residents,
                        DynamoDbTable<CheckpointItem> checkpoints, AdministrativeUnits units, Clock clock, PageTokens pageTokens,
                        RegistryWriter registry) {
        this.pageTokens = pageTokens;
        this.registry = registry;
        this.enhanced = enhanced;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.units = units;
        this.clock = clock;
    }

    public static AdminService create(Platform p) {
        return new AdminService(p.enhanced(), Tables.residents(p), Tables.checkpoints(p), AdministrativeUnits.get(), p.clock(),
                PageTokens.create(p), new RegistryWriter(p.dynamo(), Tables.residents(p), DailyCounters.create(p)));
    }

    /** One rejected CSV line. */
    public record Rejected(long line, String reason) {
    }

    /** The answer to an import. */
    public record ImportResult(long imported, List<Rejected> rejected, long rejectedCount) {
    }

    /** Streams the CSV into the registry in batches of 25 (upsert by citizen id). */
    public ImportResult importResidents(Reader csv) {
        List<ResidentItem> pending = new ArrayList<>(BATCH);
        List<Rejected> rejected = new ArrayList<>();
        long[] counts = new long[2];
        try {
            RegistryCsv.read(csv, units, new RegistryCsv.Sink() {
                @Override
                public void accept(Resident r) {
                    pending.add(toItem(r));
                    if (pending.size() == BATCH) {
                        writeBatch(pending);
                        counts[0] += pending.size();
                        pending.clear();
                    }
                }

                @Override
                public void reject(long line, String reason) {
                    counts[1]++;
                    if (rejected.size() < MAX_REJECTIONS_LISTED) {
                        rejected.add(new Rejected(line, reason));
                    }
                }
            });
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MalformedInputException("the CSV could not be read: " + e.getCause().getMessage());
        }
        if (!pending.isEmpty()) {
            writeBatch(pending);
            counts[0] += pending.size();
        }
        return new ImportResult(counts[0], List.copyOf(rejected), counts[1]);
    }

    public static ResidentItem toItem(Resident r) {
        return ResidentItem.builder()
                .citizenId(r.citizenId())
                .fullName(r.fullName())
                .dateOfBirth(r.dateOfBirth().toString())
                .gender(r.gender().name())
                .permanentWardCode(r.permanentWardCode())
                .permanentAddress(r.permanentAddress())
                .currentWardCode(r.currentWardCode())
                .currentAddress(r.currentAddress())
                .dateOfDeath(r.dateOfDeath() == null ? null : r.dateOfDeath().toString())
                .temporaryWardCode(r.temporaryWardCode())
                .temporaryAddress(r.temporaryAddress())
                .build();
    }

    /**
     * Writes up to 25 residents with the coverage report's adults counter, in the same transactions
     * ({@link RegistryWriter}).
     */
    public void writeBatch(List<ResidentItem> items) {
        registry.write(items);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted", 1);
        }
    }

    /** A checkpoint as the API shows it. */
    public record CheckpointView(String checkpointId, String name, String wardCode, String districtCode,
                                 String provinceCode, Double lat, Double lon, boolean active, String createdAt) {
        static CheckpointView of(CheckpointItem c) {
            return new CheckpointView(c.checkpointId(), c.name(), c.wardCode(), c.districtCode(), c.provinceCode(),
                    c.lat(), c.lon(), !Boolean.FALSE.equals(c.active()), c.createdAt());
        }
    }

    public CheckpointView createCheckpoint(NewCheckpoint request) {
        String id = request.checkpointId();
        Ward wardUnit = units.ward(request.wardCode())
                .orElseThrow(() -> InvalidInputException.of("wardCode", "UNKNOWN_WARD", "is not a known ward code"));
        // the province's policy is copied onto its checkpoints (a scan reads it with the checkpoint)
        CheckpointItem policy = checkpoints.getItem(Key.builder()
                .partitionValue(CheckpointItem.POLICY_PREFIX + wardUnit.provinceCode()).build());
        CheckpointItem item = CheckpointItem.builder().checkpointId(id).name(request.name()).wardCode(request.wardCode())
                .districtCode(wardUnit.districtCode()).provinceCode(wardUnit.provinceCode()).lat(request.lat()).lon(request.lon())
                .active(true).createdAt(Times.iso(clock.instant()))
                .cardOnly(policy == null ? null : policy.cardOnly())
                .requireCompleteVaccination(policy == null ? null : policy.requireCompleteVaccination()).build();
        try {
            checkpoints.putItem(PutItemEnhancedRequest.builder(CheckpointItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(checkpointId)").build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("checkpoint " + id + " already exists");
        }
        return CheckpointView.of(item);
    }

    /** A page of checkpoints. */
    public record CheckpointPage(List<CheckpointView> items, String nextPageToken) {
    }

    /**
     * Every checkpoint, province by province (the {@code byProvince} index, in GSO code order): a Query per province,
     * never a Scan. The page token holds the province and the index's last key, or the next province to start.
     */
    public CheckpointPage listCheckpoints(String pageToken, int limit) {
        Map<String, AttributeValue> start = pageTokens.open(CHECKPOINTS_LIST, null, pageToken);
        List<String> provinces = units.provinces().stream().map(Province::code).sorted().toList();
        int first = start == null ? 0 : Math.max(0, provinces.indexOf(start.get("provinceCode").s()));
        Map<String, AttributeValue> after = start == null || start.containsKey(NEXT_PROVINCE) ? null : start;
        List<CheckpointView> items = new ArrayList<>();
        for (int i = first; i < provinces.size(); i++) {
            if (items.size() == limit) {
                return new CheckpointPage(items, pageTokens.seal(CHECKPOINTS_LIST, null, Map.of("provinceCode",
                        AttributeValue.fromS(provinces.get(i)), NEXT_PROVINCE, AttributeValue.fromBool(true))));
            }
            var request = QueryEnhancedRequest.builder().limit(limit - items.size()).queryConditional(
                    QueryConditional.keyEqualTo(Key.builder().partitionValue(provinces.get(i)).build()));
            if (i == first && after != null) {
                request.exclusiveStartKey(after);
            }
            Page<CheckpointItem> page = checkpoints.index("byProvince").query(request.build()).iterator().next();
            page.items().forEach(c -> items.add(CheckpointView.of(c)));
            if (page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty()) {
                return new CheckpointPage(items, pageTokens.seal(CHECKPOINTS_LIST, null, page.lastEvaluatedKey()));
            }
        }
        return new CheckpointPage(items, null);
    }

    /** A page token's mark: start this province from its beginning. */
    private static final String NEXT_PROVINCE = "next";

    /** Opens or closes a checkpoint; scans at a closed one are refused. */
    public CheckpointView setActive(String checkpointId, boolean active) {
        CheckpointItem item = checkpoints.getItem(Key.builder().partitionValue(checkpointId).build());
        if (item == null) {
            throw new NotFoundException("no such checkpoint");
        }
        CheckpointItem updated = item.toBuilder().active(active).build();
        checkpoints.putItem(PutItemEnhancedRequest.builder(CheckpointItem.class).item(updated)
                .conditionExpression(Expression.builder().expression("attribute_exists(checkpointId)").build()).build());
        return CheckpointView.of(updated);
    }

    public CheckpointView checkpoint(String checkpointId) {
        CheckpointItem item = checkpoints.getItem(Key.builder().partitionValue(checkpointId).build());
        if (item == null) {
            throw new NotFoundException("no such checkpoint");
        }
        return CheckpointView.of(item);
    }
}
