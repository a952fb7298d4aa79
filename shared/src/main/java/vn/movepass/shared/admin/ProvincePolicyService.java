package vn.movepass.shared.admin;

import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.Tables;

/**
 * Province policies. The policy item lives in CheckpointsTable under {@code POLICY#<provinceCode>} (the authoritative
 * copy the GET answers) and is copied onto every checkpoint of the province (found by a Query on the
 * {@code byProvince} index), so that a scan reads it with its checkpoint in its one BatchGetItem. A checkpoint created
 * later takes the policy of its province at creation ({@link #of}).
 */
public final class ProvincePolicyService {
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final AdministrativeUnits units;
    private final Clock clock;

    public ProvincePolicyService(DynamoDbTable<CheckpointItem> checkpoints, AdministrativeUnits units, Clock clock) {
        this.checkpoints = checkpoints;
        this.units = units;
        this.clock = clock;
    }

    public static ProvincePolicyService create(Platform p) {
        return new ProvincePolicyService(Tables.checkpoints(p), AdministrativeUnits.get(), p.clock());
    }

    /** The province's policy; both false (and no {@code updatedAt}) when none was ever set. 404 for an unknown province. */
    public ProvincePolicy get(String provinceCode) {
        requireProvince(provinceCode);
        return of(provinceCode);
    }

    /** Sets the province's policy, then copies it onto each of its checkpoints. */
    public ProvincePolicy put(String provinceCode, ProvincePolicy.Change change) {
        requireProvince(provinceCode);
        String now = Times.iso(clock.instant());
        checkpoints.putItem(CheckpointItem.builder().checkpointId(CheckpointItem.POLICY_PREFIX + provinceCode)
                .cardOnly(change.cardOnly()).requireCompleteVaccination(change.requireCompleteVaccination())
                .createdAt(now).build());
        var query = checkpoints.index(CheckpointItem.BY_PROVINCE)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(provinceCode).build()));
        for (var page : query) {
            for (CheckpointItem keys : page.items()) {
                copy(keys.checkpointId(), change);
            }
        }
        return new ProvincePolicy(provinceCode, change.cardOnly(), change.requireCompleteVaccination(), now);
    }

    /** The stored policy of a province (no check that it exists). */
    public ProvincePolicy of(String provinceCode) {
        CheckpointItem item = checkpoints.getItem(Key.builder().partitionValue(CheckpointItem.POLICY_PREFIX + provinceCode).build());
        if (item == null) {
            return new ProvincePolicy(provinceCode, false, false, null);
        }
        return new ProvincePolicy(provinceCode, Boolean.TRUE.equals(item.cardOnly()),
                Boolean.TRUE.equals(item.requireCompleteVaccination()), item.createdAt());
    }

    private void copy(String checkpointId, ProvincePolicy.Change change) {
        try {
            // only the two policy attributes are set (ignoreNulls): the rest of the checkpoint is left as it is
            checkpoints.updateItem(UpdateItemEnhancedRequest.builder(CheckpointItem.class)
                    .item(CheckpointItem.builder().checkpointId(checkpointId).cardOnly(change.cardOnly())
                            .requireCompleteVaccination(change.requireCompleteVaccination()).build())
                    .ignoreNulls(true)
                    .conditionExpression(Expression.builder().expression("attribute_exists(checkpointId)").build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // deleted meanwhile: nothing to copy onto
        }
    }

    private void requireProvince(String provinceCode) {
        if (provinceCode == null || units.province(provinceCode).isEmpty()) {
            throw new NotFoundException("no such province");
        }
    }
}
