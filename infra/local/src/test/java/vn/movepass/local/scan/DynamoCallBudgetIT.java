package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;

/** Counts the DynamoDB calls each operation makes, with an SDK interceptor on the runtime's client. */
@FreshRuntime("counts the calls of the runtime's DynamoDB client")
class DynamoCallBudgetIT {
    static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static Api api;

    /** Records every operation name. */
    public static final class Counter implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    @BeforeAll
    static void start() {
        api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(new Counter()))));
        Registry.load(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static int count(Set<String> ops) {
        return CALLS.entrySet().stream().filter(e -> ops.contains(e.getKey())).mapToInt(e -> e.getValue().get()).sum();
    }

    static int[] measure(Runnable operation) {
        CALLS.clear();
        operation.run();
        return new int[]{count(READS), count(WRITES)};
    }

    @Test
    void aDeclarationCostsOneReadAndOneWrite() {
        JsonNode[] pass = new JsonNode[1];
        int[] accepted = measure(() -> pass[0] = api.post("/v1/declarations",
                api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null).json());
        assertTrue(accepted[0] <= 2 && accepted[1] <= 1, "accepted: reads " + accepted[0] + ", writes " + accepted[1]);
        assertEquals(1, CALLS.getOrDefault("TransactWriteItems", new AtomicInteger()).get(), "one transaction");
        int[] rejected = measure(() -> api.post("/v1/declarations",
                api.declaration(Registry.AN, "Someone Else", "1990-05-17", "MALE"), null));
        assertTrue(rejected[0] <= 2 && rejected[1] <= 1, "rejected: reads " + rejected[0] + ", writes " + rejected[1]);
    }

    @Test
    void aTokenScanCostsOneReadOthersAtMostTwoAndOneWriteWhenItRecords() {
        JsonNode pass = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null)
                .json().get("pass");
        String officer = api.officer("CP-A");
        String token = pass.get("token").asText();
        int[] byToken = measure(() -> api.post("/v1/checkpoints/CP-A/scans", Map.of("code", token, "direction", "IN"), officer));
        assertTrue(byToken[0] == 1 && byToken[1] == 0, "token: reads " + byToken[0] + ", writes " + byToken[1]);
        assertEquals(1, CALLS.getOrDefault("BatchGetItem", new AtomicInteger()).get(),
                "the pass, the checkpoint and the account in one BatchGetItem");
        for (String code : List.of(pass.get("shortCode").asText(),
                "079090123456||Nguyễn Văn An|17051990|Nam|x|01072021", "garbage")) {
            int[] plain = measure(() -> api.post("/v1/checkpoints/CP-A/scans", Map.of("code", code, "direction", "IN"), officer));
            assertTrue(plain[0] <= 2 && plain[1] == 0, code + ": reads " + plain[0] + ", writes " + plain[1]);
        }
        int[] recorded = measure(() -> api.post("/v1/checkpoints/CP-A/scans",
                Map.of("code", token, "direction", "IN", "record", true), officer));
        assertTrue(recorded[0] == 1 && recorded[1] == 1, "record: reads " + recorded[0] + ", writes " + recorded[1]);
    }
}
