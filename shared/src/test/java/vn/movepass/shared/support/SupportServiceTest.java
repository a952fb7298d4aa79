package vn.movepass.shared.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.movepass.shared.report.DailyCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.page.PageTokens;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.AuditItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.testhelper.MutableClock;
import vn.movepass.shared.testhelper.SequentialIds;

/** SupportService on a DynamoDB of maps ({@link FakeDynamo}): what it writes together, what it refuses, what it counts. */
class SupportServiceTest {
    private static final String WARD = "26734";
    private static final String OTHER_WARD = "00001";
    private static final ResidentItem AN = ResidentItem.builder().citizenId("079090123456").fullName("Nguyễn Văn An")
            .dateOfBirth("1990-05-17").gender("MALE").permanentWardCode(WARD).permanentAddress("12 Lê Lợi").currentWardCode(WARD)
            .currentAddress("12 Lê Lợi").build();
    private final Principal official = new Principal("commune-a", Role.COMMUNE_OFFICIAL, null, WARD, null);
    private final Principal other = new Principal("commune-b", Role.COMMUNE_OFFICIAL, null, OTHER_WARD, null);
    private FakeDynamo fake;
    private SupportService service;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        fake = new FakeDynamo();
        DynamoDbClient dynamo = FakeDynamo.create(fake);
        clock = MutableClock.at("2021-09-01T03:00:00Z");
        SequentialIds ids = new SequentialIds();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        AuditLog audit = new AuditLog(enhanced, enhanced.table("audit", AuditItem.SCHEMA), clock, ids,
                new PageTokens(new byte[32], ids, clock));
        service = new SupportService(dynamo, "support", "residents", id -> HealthSnapshot.EMPTY, audit, clock, Duration.ofDays(1825),
                new PageTokens(new byte[32], ids, clock), AdministrativeUnits.get(),
                new DailyCounters("counters", AdministrativeUnits.get()));
        fake.items.put(FakeDynamo.key("residents", Map.of("citizenId", AttributeValue.fromS(AN.citizenId()))),
                ResidentItem.SCHEMA.itemToMap(AN, true));
    }

    private static SupportCaseRequest an(String name, Residence residence, String note) {
        return new SupportCaseRequest(AN.citizenId(), name, LocalDate.of(1990, 5, 17), Gender.MALE, SupportPolicy.TOUR_GUIDE,
                residence, null, null, note);
    }

    private Map<String, AttributeValue> counters(String unit, int shard) {
        return fake.items.getOrDefault("support|COUNTER#" + unit + "#" + shard + "|COUNTER", Map.of());
    }

    @Test
    void aCaseLandsWithItsGuardEventAndCountersInOneTransactionEachWithARetention() {
        var created = service.create(official, WARD, an("Nguyễn Văn An", Residence.PERMANENT, null));
        assertEquals("PENDING", created.status());
        assertEquals(3_710_000, created.amountVnd());
        assertEquals(1, fake.committed.size());
        var items = fake.committed.get(0);
        assertEquals(11, items.size(), "case, guard, event, the four units' support counters and their daily report counters");
        long expires = clock.instant().plus(Duration.ofDays(1825)).getEpochSecond();
        for (int i = 0; i < 3; i++) {
            assertEquals(Long.toString(expires), items.get(i).put().item().get("expiresAt").n(), "retention of item " + i);
        }
        assertEquals("1", counters("ward:" + WARD, 0).get("cases_TOUR_GUIDE").n());
        assertEquals(1, fake.batchWrites, "the entry is audited");
    }

    @Test
    void aSecondCaseOfTheCitizenAndPolicyAnywhereIs409NamingOnlyTheHoldingWard() {
        service.create(official, WARD, an("Nguyễn Văn An", Residence.PERMANENT, null));
        ConflictException e = assertThrows(ConflictException.class,
                () -> service.create(other, OTHER_WARD, an("Nguyễn Văn An", Residence.STRANDED, "kẹt lại ở Hà Nội")));
        assertEquals("ALREADY_REGISTERED", e.error().code());
        assertTrue(e.getMessage().endsWith(WARD), e.getMessage());
        assertFalse(e.getMessage().contains(AN.citizenId()) || e.getMessage().contains("An"), e.getMessage());
        assertEquals(1, fake.committed.size(), "nothing more was written");
    }

    @Test
    void aRefusalStoresNothingNotEvenAnAuditEntry() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service.create(official, WARD, an("Trần Văn An", Residence.PERMANENT, null)));
        assertEquals("NAME_MISMATCH", e.errors().get(0).code());
        InvalidInputException away = assertThrows(InvalidInputException.class,
                () -> service.create(other, OTHER_WARD, an("Nguyễn Văn An", Residence.PERMANENT, null)));
        assertEquals("NOT_RESIDENT", away.errors().get(0).code());
        assertEquals(0, fake.committed.size());
        assertEquals(0, fake.batchWrites);
    }

    @Test
    void aPaymentOnceForTheAmountAndAReversalByTheSameWardKeepTheCountersRight() {
        String id = service.create(official, WARD, an("Nguyễn Văn An", Residence.PERMANENT, null)).supportCaseId();
        Instant paidAt = clock.instant().minusSeconds(600);
        assertEquals("AMOUNT_MISMATCH", assertThrows(InvalidInputException.class, () -> service.pay(official, id,
                new PaymentRequest(3_000_000, paidAt, PaymentMethod.CASH, null))).errors().get(0).code());
        assertThrows(ForbiddenException.class, () -> service.pay(other, id, new PaymentRequest(3_710_000, paidAt, PaymentMethod.CASH,
                null)));
        assertEquals("PAID", service.pay(official, id, new PaymentRequest(3_710_000, paidAt, PaymentMethod.CASH, null)).status());
        assertEquals("ALREADY_PAID", assertThrows(ConflictException.class, () -> service.pay(official, id,
                new PaymentRequest(3_710_000, paidAt, PaymentMethod.CASH, null))).error().code());
        assertEquals("3710000", counters("ward:" + WARD, 0).get("amountPaid_TOUR_GUIDE").n());
        assertThrows(ForbiddenException.class, () -> service.reverse(other, id, "nhầm"));
        assertEquals("PENDING", service.reverse(official, id, "chi nhầm").status());
        assertEquals("NOT_PAID", assertThrows(ConflictException.class, () -> service.reverse(official, id, "lại")).error().code());
        assertEquals("0", counters("ward:" + WARD, 0).get("paid_TOUR_GUIDE").n());
        assertEquals("0", counters("ward:" + WARD, 0).get("amountPaid_TOUR_GUIDE").n());
        var report = service.report(new Principal("admin", Role.ADMIN, null, null, null), "national");
        assertEquals(1, report.cases());
        assertEquals(0, report.paid());
        assertEquals(0, report.amountPaidVnd());
    }

    @Test
    void aCasesWardShardIsStableAndInRangeAndCasesSpreadOverEveryShard() {
        int[] seen = new int[SupportService.WARD_SHARDS];
        for (int i = 0; i < 800; i++) {
            String id = SupportService.caseId(WARD, String.format("079090%06d", i), SupportPolicy.TOUR_GUIDE);
            int shard = SupportService.wardShard(id);
            assertTrue(shard >= 0 && shard < SupportService.WARD_SHARDS, id + " " + shard);
            assertEquals(shard, SupportService.wardShard(id), "stable");
            seen[shard]++;
        }
        for (int count : seen) {
            assertTrue(count > 60 && count < 140, java.util.Arrays.toString(seen));
        }
        // a fixed value: a change of the rule would scatter the cases already written over other keys
        assertEquals(2, SupportService.wardShard("abc"), "CRC32(abc) = 0x352441c2");
    }

    @Test
    void theWardsListReadsEveryShardAndMergesThemIntoTheSameOrderPageByPage() {
        List<SupportService.Created> created = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ResidentItem r = AN.toBuilder().citizenId(String.format("079090%06d", 500 + i)).build();
            fake.items.put(FakeDynamo.key("residents", Map.of("citizenId", AttributeValue.fromS(r.citizenId()))),
                    ResidentItem.SCHEMA.itemToMap(r, true));
            SupportPolicy policy = i % 3 == 0 ? SupportPolicy.HOUSEHOLD_BUSINESS : SupportPolicy.TOUR_GUIDE;
            created.add(service.create(official, WARD, new SupportCaseRequest(r.citizenId(), "Nguyễn Văn An", LocalDate.of(1990, 5, 17),
                    Gender.MALE, policy, Residence.PERMANENT, null, null, null)));
            if (i % 4 == 0) {
                clock.advance(Duration.ofSeconds(1)); // some cases share their createdAt: the id orders them
            }
        }
        Instant paidAt = clock.instant();
        for (int i = 0; i < 130; i += 5) {
            SupportService.Created c = created.get(i);
            service.pay(official, c.supportCaseId(), new PaymentRequest(c.amountVnd(), paidAt, PaymentMethod.CASH, null));
        }
        List<Map<String, AttributeValue>> cases = fake.items.values().stream().filter(i -> i.containsKey("listKey")).toList();
        java.util.Set<String> shards = new java.util.HashSet<>();
        cases.forEach(c -> shards.add(c.get("wardShard").s()));
        assertEquals(SupportService.WARD_SHARDS, shards.size(), "the ward's cases are on every shard: " + shards);
        assertEquals(130, cases.size());

        for (String[] filter : new String[][] {{null, null}, {"PENDING", null}, {"PAID", null}, {null, "TOUR_GUIDE"},
            {"PENDING", "HOUSEHOLD_BUSINESS"}}) {
            String status = filter[0];
            String policy = filter[1];
            String sortKey = policy == null ? "listKey" : "policyKey";
            List<String> expected = cases.stream()
                    .filter(c -> status == null || status.equals(c.get("status").s()))
                    .filter(c -> policy == null || policy.equals(c.get("policyId").s()))
                    .sorted(java.util.Comparator.comparing(c -> c.get(sortKey).s()))
                    .map(c -> c.get("supportCaseId").s()).toList();
            List<String> listed = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                int before = fake.queries;
                SupportService.CaseList page = service.list(official, WARD, status, policy, token);
                assertEquals(SupportService.WARD_SHARDS, fake.queries - before, "one Query per shard");
                assertTrue(page.items().size() <= 50);
                page.items().forEach(c -> listed.add(c.supportCaseId()));
                token = page.nextPageToken();
                pages++;
            } while (token != null);
            assertEquals(expected, listed, "status " + status + ", policy " + policy + ": every case once, in the index's order");
            assertEquals(Math.max(1, (expected.size() + 49) / 50), pages, "no empty last page");
        }
    }
}
