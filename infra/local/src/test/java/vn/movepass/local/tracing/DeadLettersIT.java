package vn.movepass.local.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;

/**
 * Dead letters that heal: a contact probe that fails five times (its passages Query refused) lands in
 * ContactProbesDlq and its case waits in TRACING; an admin sees the count (never a body), the cause is cleared, the
 * redrive moves the message back, and the case completes with exactly its contacts.
 */
@FreshRuntime("a DynamoDB fault injected by an SDK interceptor; short visibility timeout")
class DeadLettersIT {

    /** Refuses the probes' Query of the passages table (the trace step Queries an index, and passes). */
    static final class ProbeFault implements ExecutionInterceptor {
        volatile boolean on;
        volatile String passagesTable;
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (on && context.request() instanceof QueryRequest q && q.tableName().equals(passagesTable) && q.indexName() == null) {
                refused.incrementAndGet();
                throw DynamoDbException.builder().message("injected: the passages store is down").statusCode(400).build();
            }
        }
    }

    @Test
    void aProbeDeadLetteredFiveTimesIsRedrivenAndItsCaseCompletes() {
        ProbeFault fault = new ProbeFault();
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(1))
                .withDynamoInterceptors(List.of(fault))))) {
            fault.passagesTable = api.runtime.provisioned().tableName("PassagesTable");
            TraceWorld world = new TraceWorld(api);
            String f0 = "079090000701";
            String contact = "079090000702";
            world.resident(f0, "26734");
            world.resident(contact, "26734");
            Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            world.write(List.of(new TraceWorld.Passage(f0, "CP-A", at, null),
                    new TraceWorld.Passage(contact, "CP-A", at.plusSeconds(120), null)));
            String admin = api.admin();

            fault.on = true;
            String caseId = world.open(f0, at.plusSeconds(3_600));
            JsonNode waiting = null;
            for (int i = 0; i < 120; i++) {
                waiting = byName(api.get("/v1/admin/dead-letters", admin).json());
                if (waiting.path("ContactProbesDlq").path("messages").asLong() > 0) {
                    break;
                }
                sleep(500);
            }
            assertEquals(1, waiting.path("ContactProbesDlq").path("messages").asLong(), waiting.toString());
            assertTrue(fault.refused.get() >= 5, "refused " + fault.refused.get() + " times");
            assertEquals("TRACING", api.get("/v1/cases/" + caseId, world.health()).json().get("status").asText());

            assertEquals(403, api.post("/v1/admin/dead-letters/ContactProbesDlq/redrive", Map.of(), world.health()).status());
            assertEquals(404, api.post("/v1/admin/dead-letters/PassesTable/redrive", Map.of(), admin).status());
            fault.on = false;
            Api.Answer redrive = api.post("/v1/admin/dead-letters/ContactProbesDlq/redrive", Map.of(), admin);
            assertEquals(202, redrive.status(), redrive.text());
            assertEquals(1, redrive.json().get("messages").asLong());

            JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(60));
            assertEquals(1, done.get("counts").get("F1").asInt(), done.toString());
            assertEquals(Map.of(contact, "F1"), TraceSweeperIT.levels(world.contacts(caseId)));
            assertEquals(0, byName(api.get("/v1/admin/dead-letters", admin).json()).path("ContactProbesDlq").path("messages").asLong());
            assertEquals(1, api.get("/dev/metrics", null).json().get("metrics").path("DlqRedrives").asInt());
        }
    }

    static JsonNode byName(JsonNode answer) {
        var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        answer.get("queues").forEach(q -> out.set(q.get("queue").asText(), q));
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
