package vn.movepass.local.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/**
 * The record the least-privilege check reads (infra/localstack/least_privilege.py): each DynamoDB call a function
 * makes, as IAM sees it (a transaction's items as PutItem, UpdateItem, ConditionCheckItem…), on the table's logical
 * id; the tests' own calls are not a function's.
 */
@SharedRuntime
class AwsAccessIT {

    @Test
    void anAcceptedDeclarationIsRecordedAsTheIamActionsItNeeds(Api api, Registry registry) {
        registry.loadInto(api);
        Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, a.status(), a.text());
        Set<String> used = api.runtime.access().used();
        for (String expected : new String[]{"dynamodb:BatchGetItem\tResidentsTable", "dynamodb:PutItem\tDeclarationsTable",
            "dynamodb:PutItem\tPassesTable", "dynamodb:ConditionCheckItem\tHealthTable", "dynamodb:UpdateItem\tDailyCountersTable"}) {
            assertTrue(used.contains("DeclarationSubmitFunction\t" + expected), expected + " in " + used);
        }
        assertTrue(used.stream().noneMatch(u -> u.startsWith("null\t") || u.endsWith("\t*")), used.toString());
    }

    /**
     * Each dead-letter queue can be redriven: the role grants StartMessageMoveTask per queue, so each is shown in use
     * (empty here: DeadLettersIT redrives a dead-lettered probe, and may fail before it does).
     */
    @Test
    void everyDeadLetterQueueCanBeRedriven(Api api) {
        String admin = api.admin();
        for (String queue : new String[]{"TraceRequestsDlq", "ContactProbesDlq", "NoticesDlq"}) {
            Api.Answer a = api.post("/v1/admin/dead-letters/" + queue + "/redrive", java.util.Map.of(), admin);
            assertEquals(202, a.status(), a.text());
            assertTrue(api.runtime.access().used().contains("AdminFunction\tsqs:StartMessageMoveTask\t" + queue));
        }
    }
}
