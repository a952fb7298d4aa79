package vn.movepass.shared.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.domain.Times;

/** A citizen's classification only ever becomes more severe ("F0" < "F1" < … as text): F0 stays F0. */
final class Classifications {
    private Classifications() {
    }

    /** Sets {@code level} unless the citizen already holds it or a more severe one; idempotent. */
    static void raise(DynamoDbClient dynamo, String table, String citizenId, String level, String caseId, Instant now,
                      Duration retention) {
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
