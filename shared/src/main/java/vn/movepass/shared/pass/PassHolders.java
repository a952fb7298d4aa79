package vn.movepass.shared.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.PassTableKeys;

/**
 * Keeps a citizen's health status (the encoded {@code HealthSnapshot} and its version) on each of their live passes, so
 * that a scan of a pass token reads one item (with the checkpoint and the officer's account, in one BatchGetItem) and
 * judges the holder's health at scan time ({@code Health.of}).
 *
 * <p>Two writers meet here, and neither may miss the other:
 * <ul>
 *   <li>issuing a pass adds it to its holder's item ({@code HOLDER#citizenId} in PassesTable: the set of the holder's
 *       passes as {@code expiresAt#passId}) in the issuing transaction, which also checks that the holder's STATUS item
 *       in HealthTable still has the version the pass is issued with ({@code HealthStore.unchanged});
 *   <li>a health change, once HealthTable holds it, reads the holders' items (consistent reads) and copies the new
 *       snapshot onto every pass listed there that is still live ({@link #copyHealth}).
 * </ul>
 * Transactions are serializable, so either the pass was issued first (then its holder's item lists it when the
 * change reads it) or the change came first (then the issuing transaction's check fails and the issuer reads the
 * status again). A copy only ever replaces an older version, so repeats and any order are harmless. The holder's item
 * carries no citizen id attribute (the key does), so it stays out of the byCitizen index, and it expires with the
 * holder's newest pass.
 */
public final class PassHolders {
    private final DynamoDbClient dynamo;
    private final String passesTable;

    public PassHolders(DynamoDbClient dynamo, String passesTable) {
        this.dynamo = dynamo;
        this.passesTable = passesTable;
    }

    /** The issuing transaction's update of the holder's item: lists the new pass, lives as long as it. */
    public TransactWriteItem listPass(String citizenId, String passId, long expiresAt) {
        return TransactWriteItem.builder().update(Update.builder().tableName(passesTable)
                .key(Map.of("pk", s(PassTableKeys.holder(citizenId))))
                .updateExpression("ADD passes :p SET expiresAt = :exp")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromSs(List.of(expiresAt + "#" + passId)),
                        ":exp", AttributeValue.fromN(Long.toString(expiresAt))))
                .build()).build();
    }

    /** Each citizen's passes that are still live at {@code now}, read consistently from their holders' items. */
    public Map<String, List<String>> livePasses(Collection<String> citizenIds, Instant now) {
        Map<String, List<String>> live = new HashMap<>();
        for (Map<String, AttributeValue> holder : holders(citizenIds)) {
            String citizenId = holder.get("pk").s().substring(PassTableKeys.holder("").length());
            AttributeValue passes = holder.get("passes");
            if (passes == null || !passes.hasSs()) {
                continue;
            }
            for (String entry : passes.ss()) {
                int hash = entry.indexOf('#');
                if (Long.parseLong(entry.substring(0, hash)) > now.getEpochSecond()) {
                    live.computeIfAbsent(citizenId, k -> new ArrayList<>()).add(entry.substring(hash + 1));
                }
            }
        }
        return live;
    }

    /**
     * Puts the holder's health status ({@code encoded} snapshot at {@code version}) on one pass, unless it already
     * carries that version or a newer one (copies may repeat and arrive in any order) or has expired.
     */
    public void copyHealth(String passId, String encoded, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(passesTable).key(Map.of("pk", s(PassTableKeys.pass(passId))))
                    .updateExpression("SET health = :h, healthVersion = :v")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(healthVersion) OR healthVersion < :v)")
                    .expressionAttributeValues(Map.of(":h", s(encoded), ":v", AttributeValue.fromN(Long.toString(version)))));
        } catch (ConditionalCheckFailedException goneOrNewer) {
            // expired (TTL), or a newer status is already there
        }
    }

    private List<Map<String, AttributeValue>> holders(Collection<String> citizenIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(citizenIds.size());
        for (String id : citizenIds) {
            keys.add(Map.of("pk", s(PassTableKeys.holder(id))));
        }
        return BatchReads.getAll(dynamo, passesTable, keys, true);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
