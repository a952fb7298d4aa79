package vn.movepass.shared.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.PassTableKeys;

/**
 * Keeps a citizen's classification (F0–F3) on each of their live passes, so that a scan of a pass token reads one item
 * (with the checkpoint and the officer's account, in one BatchGetItem) and still shows the alert at once.
 *
 * <p>Two writers meet here, and neither may miss the other:
 * <ul>
 *   <li>issuing a pass adds it to its holder's item ({@code HOLDER#citizenId} in PassesTable: the set of the holder's
 *       passes as {@code expiresAt#passId}) in the issuing transaction, which also checks the citizen's
 *       classification: absent ({@link #unclassified}), or the level the pass is issued with ({@link #stillAt});
 *   <li>raising a classification, once ClassificationsTable holds it, reads the holders' items (consistent reads)
 *       and copies the level onto every pass listed there that is still live ({@link #alert}).
 * </ul>
 * Transactions are serializable, so either the pass was issued first (then its holder's item lists it when the
 * raise reads it) or the raise came first (then the issuing transaction's check fails and the issuer reads the
 * level and tries again). The copy only ever makes a pass's level more severe ("F0" &lt; "F1" as text), so repeats
 * and any order are harmless. The holder's item carries no citizen id attribute (the key does), so it stays out of
 * the byCitizen index, and it expires with the holder's newest pass.
 */
public final class PassHolders {
    private final DynamoDbClient dynamo;
    private final String passesTable;
    private final String classificationsTable;

    public PassHolders(DynamoDbClient dynamo, String passesTable, String classificationsTable) {
        this.dynamo = dynamo;
        this.passesTable = passesTable;
        this.classificationsTable = classificationsTable;
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

    /** The issuing transaction's check that the citizen holds no classification. */
    public TransactWriteItem unclassified(String citizenId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(classificationsTable)
                .key(Map.of("citizenId", s(citizenId)))
                .conditionExpression("attribute_not_exists(citizenId)").build()).build();
    }

    /** The issuing transaction's check that the citizen still holds {@code level}, which the new pass carries. */
    public TransactWriteItem stillAt(String citizenId, String level) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(classificationsTable)
                .key(Map.of("citizenId", s(citizenId)))
                .conditionExpression("#level = :level")
                .expressionAttributeNames(Map.of("#level", "level"))
                .expressionAttributeValues(Map.of(":level", s(level))).build()).build();
    }

    /** The citizen's current level, read consistently, or null: for an issuer whose check failed. */
    public String currentLevel(String citizenId) {
        var item = dynamo.getItem(r -> r.tableName(classificationsTable).key(Map.of("citizenId", s(citizenId)))
                .consistentRead(true).projectionExpression("#level").expressionAttributeNames(Map.of("#level", "level")))
                .item();
        AttributeValue level = item == null ? null : item.get("level");
        return level == null ? null : level.s();
    }

    /**
     * Copies each citizen's level onto their live passes; call it after ClassificationsTable holds the level.
     * Idempotent; passes already at this level or a more severe one are left as they are.
     */
    public void alert(Map<String, String> levelByCitizen, Instant now) {
        for (Map<String, AttributeValue> holder : holders(levelByCitizen.keySet())) {
            String citizenId = holder.get("pk").s().substring(PassTableKeys.holder("").length());
            AttributeValue passes = holder.get("passes");
            if (passes == null || !passes.hasSs()) {
                continue;
            }
            for (String entry : passes.ss()) {
                int hash = entry.indexOf('#');
                if (Long.parseLong(entry.substring(0, hash)) > now.getEpochSecond()) {
                    copy(entry.substring(hash + 1), levelByCitizen.get(citizenId));
                }
            }
        }
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

    private void copy(String passId, String level) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":level", s(level));
        try {
            dynamo.updateItem(r -> r.tableName(passesTable).key(Map.of("pk", s(PassTableKeys.pass(passId))))
                    .updateExpression("SET classification = :level")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(classification) "
                            + "OR classification > :level)")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException goneOrAsSevere) {
            // expired (TTL) or already at this level or a more severe one
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
