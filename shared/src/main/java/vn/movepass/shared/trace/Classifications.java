package vn.movepass.shared.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.pass.PassHolders;
import vn.movepass.shared.store.Tables;

/**
 * A citizen's classification only ever becomes more severe ("F0" &lt; "F1" &lt; … as text): F0 stays F0. Once
 * ClassificationsTable holds it, it is copied onto the citizen's live passes ({@link PassHolders}), so a scan of one
 * shows it at once.
 */
public final class Classifications {
    private final DynamoDbClient dynamo;
    private final String table;
    private final PassHolders holders;
    private final Duration retention;

    public Classifications(DynamoDbClient dynamo, String table, PassHolders holders, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.holders = holders;
        this.retention = retention;
    }

    public static Classifications create(Platform p) {
        var env = p.environment();
        String table = Tables.name(p, EnvKey.CLASSIFICATIONS_TABLE);
        return new Classifications(p.dynamo(), table, new PassHolders(p.dynamo(), Tables.name(p, EnvKey.PASSES_TABLE), table),
                env.duration(EnvKey.DECLARATION_RETENTION_DAYS));
    }

    /** Raises one citizen, then their passes; idempotent. */
    void raise(String citizenId, String level, String caseId, Instant now) {
        raiseAll(Map.of(citizenId, level), caseId, now);
    }

    /**
     * Sets each citizen's level unless they already hold it or a more severe one, then copies it onto their live
     * passes. Idempotent: a redelivered step copies again, so a crash between the two halves loses nothing.
     */
    void raiseAll(Map<String, String> levelByCitizen, String caseId, Instant now) {
        for (Map.Entry<String, String> e : levelByCitizen.entrySet()) {
            raiseOne(e.getKey(), e.getValue(), caseId, now);
        }
        holders.alert(levelByCitizen, now);
    }

    private void raiseOne(String citizenId, String level, String caseId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("citizenId", TraceLedger.s(citizenId)))
                    .updateExpression("SET #level = :level, caseId = :case, since = :since, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(citizenId) OR #level > :level")
                    .expressionAttributeNames(Map.of("#level", "level"))
                    .expressionAttributeValues(Map.of(":level", TraceLedger.s(level), ":case", TraceLedger.s(caseId),
                            ":since", TraceLedger.s(Times.iso(now)),
                            ":exp", TraceLedger.n(now.plus(retention).getEpochSecond()))));
        } catch (ConditionalCheckFailedException alreadyAsSevere) {
            // kept: the citizen already holds this level or a more severe one
        }
    }
}
