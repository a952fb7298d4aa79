package vn.movepass.shared.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.Shards;

/**
 * The support report's figures per unit and policy — cases, paid, amount paid — kept as counters written in the same
 * transaction as the case or payment they count, so the report equals a recount. A case counts in its ward's four
 * units (national, province, district, ward), sharded as {@link DailyCounters} shards a unit (national 16, province 8,
 * district 2, ward 1) by a hash of the case id, so that a retry lands on the same shard and no single item takes every
 * transaction of the country. Item: {@code pk = COUNTER#<unit>#<shard>}, {@code sk = COUNTER}, numbers
 * {@code cases_<policyId>}, {@code paid_<policyId>}, {@code amountPaid_<policyId>}. No personal data, no TTL.
 */
public final class SupportCounters {
    static final String PREFIX = "COUNTER#";
    static final String SK = "COUNTER";

    private final String table;
    private final AdministrativeUnits units;

    public SupportCounters(String table, AdministrativeUnits units) {
        this.table = table;
        this.units = units;
    }

    /** Which figure. */
    public enum Figure {
        CASES("cases_"), PAID("paid_"), AMOUNT_PAID("amountPaid_");

        private final String prefix;

        Figure(String prefix) {
            this.prefix = prefix;
        }

        public String attribute(SupportPolicy policy) {
            return prefix + policy.name();
        }
    }

    /** The updates adding {@code amounts} to the ward's four units, to put in the caller's transaction. */
    public List<TransactWriteItem> add(String wardCode, String caseId, SupportPolicy policy, Map<Figure, Long> amounts) {
        Ward ward = units.ward(wardCode).orElseThrow(() -> new IllegalArgumentException("unknown ward code"));
        int hash = hash(caseId);
        List<TransactWriteItem> out = new ArrayList<>(4);
        for (Unit unit : Unit.chainOf(ward)) {
            Map<String, String> names = new HashMap<>(Map.of("#u", "unit"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", AttributeValue.fromS(unit.key())));
            List<String> adds = new ArrayList<>();
            amounts.forEach((figure, amount) -> {
                int i = adds.size();
                names.put("#c" + i, figure.attribute(policy));
                values.put(":v" + i, AttributeValue.fromN(Long.toString(amount)));
                adds.add("#c" + i + " :v" + i);
            });
            out.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(key(unit, hash % DailyCounters.shards(unit.level())))
                    .updateExpression("SET #u = :u ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        }
        return out;
    }

    static Map<String, AttributeValue> key(Unit unit, int shard) {
        return Map.of("pk", AttributeValue.fromS(PREFIX + unit.key() + "#" + shard), "sk", AttributeValue.fromS(SK));
    }

    static int hash(String caseId) {
        return Shards.of(caseId, 16);
    }

    /** One policy's figures. */
    public record Figures(long cases, long paid, long amountPaidVnd) {
        Figures plus(Figures o) {
            return new Figures(cases + o.cases, paid + o.paid, amountPaidVnd + o.amountPaidVnd);
        }
    }

    /** Every shard of the unit, added up per policy (one BatchGetItem of at most 16 keys). */
    public Map<SupportPolicy, Figures> read(DynamoDbClient dynamo, Unit unit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int s = 0; s < DailyCounters.shards(unit.level()); s++) {
            keys.add(key(unit, s));
        }
        Map<SupportPolicy, Figures> out = new EnumMap<>(SupportPolicy.class);
        for (SupportPolicy p : SupportPolicy.values()) {
            out.put(p, new Figures(0, 0, 0));
        }
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table, keys, true)) {
            for (SupportPolicy p : SupportPolicy.values()) {
                out.merge(p, new Figures(number(item, Figure.CASES.attribute(p)), number(item, Figure.PAID.attribute(p)),
                        number(item, Figure.AMOUNT_PAID.attribute(p))), Figures::plus);
            }
        }
        return out;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
