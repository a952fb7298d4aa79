package vn.movepass.local.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Namespace;
import vn.movepass.local.testkit.Registry;

/**
 * A health change between the registry read and the pass's issue: the issuing transaction's check of the holder's
 * health STATUS fails, the declaration reads the status again (a GetItem of HealthTable, which its role must grant)
 * and issues the pass with it. The change is simulated by an SDK interceptor that makes the first check expect a
 * status the resident does not have yet.
 */
@FreshRuntime("a DynamoDB interceptor fails the first issuing transaction's health check")
class IssueRaceIT {

    /** Turns the first "no status yet" health check into "a status exists", as if one had been written meanwhile. */
    static final class HealthChanged implements ExecutionInterceptor {
        volatile String healthTable;
        final AtomicInteger changed = new AtomicInteger();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof TransactWriteItemsRequest t) || changed.get() > 0) {
                return context.request();
            }
            List<TransactWriteItem> items = new ArrayList<>();
            for (TransactWriteItem i : t.transactItems()) {
                if (i.conditionCheck() != null && i.conditionCheck().tableName().equals(healthTable)
                        && "attribute_not_exists(pk)".equals(i.conditionCheck().conditionExpression())
                        && changed.getAndIncrement() == 0) {
                    items.add(i.toBuilder().conditionCheck(i.conditionCheck().toBuilder()
                            .conditionExpression("attribute_exists(pk)").build()).build());
                } else {
                    items.add(i);
                }
            }
            return t.toBuilder().transactItems(items).build();
        }
    }

    @Test
    void aHealthChangeDuringTheIssueIsReadAgainAndThePassIssued() {
        HealthChanged race = new HealthChanged();
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(race))))) {
            race.healthTable = api.runtime.provisioned().tableName("HealthTable");
            Registry registry = Registry.in(new Namespace(1));
            registry.loadInto(api);
            Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
            assertEquals(201, a.status(), a.text());
            assertEquals("ACCEPTED", a.json().get("status").asText(), a.text());
            assertEquals(1, race.changed.get());
            assertTrue(api.runtime.access().used().contains("DeclarationSubmitFunction\tdynamodb:GetItem\tHealthTable"),
                    api.runtime.access().used().toString());
        }
    }
}
