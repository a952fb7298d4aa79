package vn.movepass.shared.registry;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Transactions;

/**
 * Writes registry residents (an upsert by citizen id) together with the coverage report's {@link Counter#ADULTS}
 * running counter, in the same transactions: a resident adds +1 on their 18th birthday and -1 on the day of their
 * death (if they died an adult), in their current ward. Re-importing a resident first takes back what their stored
 * version added, so the counter always equals a recount of the registry as it is now; importing the same file twice
 * changes nothing.
 *
 * <p>A batch is read first (one consistent BatchGetItem), then written as few transactions as fit DynamoDB's 100 items:
 * the residents of a batch are sorted by ward, so they share their counter items. Each put is conditioned on the stored
 * version being the one read; if another import changed a resident meanwhile, the batch is read and written again.
 */
public final class RegistryWriter {
    /** A resident counts as an adult from this birthday. */
    public static final Period ADULT_AGE = Period.ofYears(18);
    private static final int MAX_ITEMS = 100;
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<ResidentItem> residents;
    private final DailyCounters counters;

    public RegistryWriter(DynamoDbClient dynamo, DynamoDbTable<ResidentItem> residents, DailyCounters counters) {
        this.dynamo = dynamo;
        this.residents = residents;
        this.counters = counters;
    }

    /** Writes the residents (a later one of the same id wins) with their counters. */
    public void write(List<ResidentItem> items) {
        Map<String, ResidentItem> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.citizenId(), i));
        List<ResidentItem> batch = new ArrayList<>(byId.values());
        batch.sort(Comparator.comparing(i -> Objects.toString(i.currentWardCode(), "")));
        for (int attempt = 1; ; attempt++) {
            Map<String, ResidentItem> stored = stored(batch);
            try {
                writeGroup(batch, stored);
                return;
            } catch (TransactionCanceledException e) {
                if (!Transactions.anyConditionFailed(e) || attempt >= ATTEMPTS) {
                    throw new DependencyUnavailableException("the registry could not be written: try the import again", 5);
                }
                // another import changed one of these residents since they were read: what was written is consistent
                // (a transaction is whole), so read again and write what is left to change
            }
        }
    }

    private void writeGroup(List<ResidentItem> group, Map<String, ResidentItem> stored) {
        List<ResidentItem> changed = group.stream().filter(i -> !i.equals(stored.get(i.citizenId()))).toList();
        if (changed.isEmpty()) {
            return;
        }
        DailyCounters.Tally tally = counters.tally(changed.get(0).citizenId());
        for (ResidentItem item : changed) {
            adults(tally, stored.get(item.citizenId()), -1);
            adults(tally, item, 1);
        }
        if (changed.size() > 1 && changed.size() + tally.items() > MAX_ITEMS) {
            int half = changed.size() / 2;
            writeGroup(changed.subList(0, half), stored);
            writeGroup(changed.subList(half, changed.size()), stored);
            return;
        }
        List<TransactWriteItem> writes = new ArrayList<>(tally.updates());
        for (ResidentItem item : changed) {
            writes.add(put(item, stored.get(item.citizenId())));
        }
        Transactions.write(dynamo, writes);
    }

    /** What a resident adds to the adults counter (sign +1), or takes back (-1); nothing for null. */
    static void adults(DailyCounters.Tally tally, ResidentItem r, long sign) {
        if (r == null || r.currentWardCode() == null || r.dateOfBirth() == null) {
            return;
        }
        LocalDate adult = LocalDate.parse(r.dateOfBirth()).plus(ADULT_AGE);
        LocalDate death = r.dateOfDeath() == null ? null : LocalDate.parse(r.dateOfDeath());
        if (death != null && !death.isAfter(adult)) {
            return; // died before coming of age: never counted
        }
        tally.add(Counter.ADULTS, r.currentWardCode(), adult, sign);
        if (death != null) {
            tally.add(Counter.ADULTS, r.currentWardCode(), death, -sign);
        }
    }

    private TransactWriteItem put(ResidentItem item, ResidentItem before) {
        Put.Builder put = Put.builder().tableName(residents.tableName()).item(residents.tableSchema().itemToMap(item, true));
        if (before == null) {
            put.conditionExpression("attribute_not_exists(citizenId)");
        } else {
            // the version read: the fields the counter depends on
            Map<String, String> names = new HashMap<>(Map.of("#b", "dateOfBirth"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":b", AttributeValue.fromS(before.dateOfBirth())));
            List<String> conditions = new ArrayList<>(List.of("#b = :b"));
            condition(conditions, names, values, "#w", ":w", "currentWardCode", before.currentWardCode());
            condition(conditions, names, values, "#d", ":d", "dateOfDeath", before.dateOfDeath());
            put.conditionExpression(String.join(" AND ", conditions)).expressionAttributeNames(names)
                    .expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static void condition(List<String> conditions, Map<String, String> names, Map<String, AttributeValue> values,
                                  String name, String value, String attribute, String expected) {
        names.put(name, attribute);
        if (expected == null) {
            conditions.add("attribute_not_exists(" + name + ")");
        } else {
            values.put(value, AttributeValue.fromS(expected));
            conditions.add(name + " = " + value);
        }
    }

    private Map<String, ResidentItem> stored(List<ResidentItem> batch) {
        List<Map<String, AttributeValue>> keys = batch.stream()
                .map(i -> Map.of("citizenId", AttributeValue.fromS(i.citizenId()))).toList();
        Map<String, ResidentItem> out = new HashMap<>();
        for (var item : BatchReads.getAll(dynamo, residents.tableName(), keys, true)) {
            ResidentItem r = residents.tableSchema().mapToItem(item);
            out.put(r.citizenId(), r);
        }
        return out;
    }
}
