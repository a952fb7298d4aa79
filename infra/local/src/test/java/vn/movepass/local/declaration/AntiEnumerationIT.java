package vn.movepass.local.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;

/**
 * The attack of issue 17 replayed: birth dates tried one after another for a known id. After 5 rejections in 24 h
 * the web form answers 429 with Retry-After and the registry is not read any more (registry reads counted with an SDK
 * interceptor, as DynamoCallBudgetIT counts calls); a paper declaration is not limited; the window ends after 24 h;
 * concurrent tries never get more than 5 rejections; the reports count the refusals, equal to a recount. And the local
 * gateway's per-address limit ({@code --client-limit}) on the public POST routes.
 */
@FreshRuntime("counts the registry reads of the runtime's DynamoDB client and moves the dev clock")
class AntiEnumerationIT {
    static final ConcurrentLinkedQueue<String> READ_TABLES = new ConcurrentLinkedQueue<>();
    static Api api;
    static String residents;

    /** Records the table of every read. */
    public static final class Reads implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetItemRequest g) {
                READ_TABLES.add(g.tableName());
            } else if (context.request() instanceof BatchGetItemRequest b) {
                READ_TABLES.addAll(b.requestItems().keySet());
            } else if (context.request() instanceof QueryRequest q) {
                READ_TABLES.add(q.tableName());
            }
        }
    }

    @BeforeAll
    static void start() {
        api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(new Reads()))));
        Registry.load(api);
        residents = api.runtime.provisioned().tableName("ResidentsTable");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static long registryReads() {
        return READ_TABLES.stream().filter(residents::equals).count();
    }

    private static Api.Answer web(String id, String name, String dob, String gender) {
        return api.post("/v1/declarations", api.declaration(id, name, dob, gender), null);
    }

    @Test
    void theSixthRejectionIsA429WithoutRegistryReadPaperIsNotLimitedAndTheWindowEnds() {
        LocalDate day = api.today();
        for (int i = 1; i <= 5; i++) {
            Api.Answer a = web(Registry.AN, "Nguyễn Văn An", "1990-05-0" + i, "MALE");
            assertEquals(201, a.status(), a.text());
            assertEquals("REJECTED", a.json().get("status").asText());
        }
        READ_TABLES.clear();
        for (String dob : List.of("1990-05-06", "1990-05-17")) { // the right one too: the limit does not look
            Api.Answer refused = web(Registry.AN, "Nguyễn Văn An", dob, "MALE");
            assertEquals(429, refused.status(), refused.text());
            assertTrue(refused.header("content-type").startsWith("application/problem+json"), refused.header("content-type"));
            int retryAfter = Integer.parseInt(refused.header("retry-after"));
            assertTrue(retryAfter > 0 && retryAfter <= 24 * 3600, "Retry-After " + retryAfter);
            assertTrue(!refused.text().contains(Registry.AN), "no citizen id in the answer");
        }
        assertEquals(0, registryReads(), "no registry read after the 5th rejection");

        Api.Answer paper = api.post("/v1/checkpoints/CP-A/declarations",
                api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), api.officer("CP-A"));
        assertEquals(201, paper.status(), paper.text());
        assertEquals("ACCEPTED", paper.json().get("status").asText(), "paper declarations are never limited");

        Api.Answer other = web(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE");
        assertEquals("ACCEPTED", other.json().get("status").asText(), "another id is not limited");

        assertReportsEqualRecount(day, 2);

        assertEquals(200, api.post("/dev/clock", Map.of("advance", "PT24H1M"), null).status());
        Api.Answer later = web(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE");
        assertEquals(201, later.status(), later.text());
        assertEquals("ACCEPTED", later.json().get("status").asText(), "the window ended after 24 h");
    }

    @Test
    void concurrentTriesNeverGetMoreThanFiveRejections() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String dob = "1988-06-" + String.format("%02d", 10 + i);
                answers.add(pool.submit(() -> web(Registry.DUC, "Đặng Văn Đức", dob, "MALE")));
            }
            int rejected = 0;
            int refused = 0;
            for (Future<Api.Answer> f : answers) {
                Api.Answer a = f.get();
                if (a.status() == 201) {
                    assertEquals("REJECTED", a.json().get("status").asText());
                    rejected++;
                } else {
                    assertEquals(429, a.status(), a.text());
                    refused++;
                }
            }
            assertEquals(5, rejected, "exactly 5 rejections under concurrency");
            assertEquals(11, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLocalGatewayLimitsEachClientAddressOnThePublicPostRoutesWhenAsked() {
        api.runtime.gateway().limitClients(2);
        try {
            for (int i = 0; i < 2; i++) {
                assertEquals(201, web(Registry.DUNG, "Phạm Thị Dung", "2003-04-04", "FEMALE").status());
            }
            Api.Answer limited = web(Registry.DUNG, "Phạm Thị Dung", "2003-04-04", "FEMALE");
            assertEquals(429, limited.status(), limited.text());
            assertTrue(Integer.parseInt(limited.header("retry-after")) >= 1);
            Api.Answer paper = api.post("/v1/checkpoints/CP-A/declarations",
                    api.declaration(Registry.DUNG, "Phạm Thị Dung", "2003-04-04", "FEMALE"), api.officer("CP-A"));
            assertEquals(201, paper.status(), "routes with a login are not limited per address: " + paper.text());
        } finally {
            api.runtime.gateway().limitClients(0);
        }
        assertEquals(201, web(Registry.DUNG, "Phạm Thị Dung", "2003-04-04", "FEMALE").status(), "off again");
    }

    private static void assertReportsEqualRecount(LocalDate day, long atLeastRefused) {
        Map<String, Map<String, Long>> recount = Recount.of(api, day);
        String admin = api.admin();
        for (String unit : List.of("national", "province:79", "ward:26734")) {
            Map<String, Long> reported = Recount.reported(api, day, unit, admin);
            assertEquals(recount.getOrDefault(unit, Map.of()), reported, unit);
        }
        assertTrue(Recount.reported(api, day, "national", admin).getOrDefault("refused", 0L) >= atLeastRefused);
    }
}
