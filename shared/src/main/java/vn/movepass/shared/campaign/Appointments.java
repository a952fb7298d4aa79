package vn.movepass.shared.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * What recording a dose does to the citizen's appointment (for {@code POST /v1/vaccinations}, which needs nothing else
 * of VaccinationTable): completes it and frees the citizen's lock. See {@link CampaignService} for the items.
 */
public final class Appointments {
    private final DynamoDbClient dynamo;
    private final String table;

    public Appointments(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static Appointments create(Platform p) {
        return new Appointments(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE));
    }

    /**
     * After a dose is recorded at {@code siteId}: the citizen's booked appointment there turns COMPLETED and frees
     * their lock (idempotent: nothing happens when there is none).
     */
    public void complete(String citizenId, String siteId, String vaccinationId) {
        complete(citizenId, siteId, vaccinationId, null);
    }

    /** The next dose a completed appointment's phone is reminded of, on the day it may be given. */
    public record Next(int doseNumber, VaccineProduct product, LocalDate due) {
    }

    /**
     * As {@link #complete(String, String, String)}; with {@code next} (the series is not complete) the same transaction
     * puts the reminder of the next dose to the booking's phone ({@link ReminderService}).
     */
    public void complete(String citizenId, String siteId, String vaccinationId, Next next) {
        Map<String, AttributeValue> lock = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("ACTIVE#" + citizenId, "ACTIVE"))).item();
        if (lock == null || lock.isEmpty() || !siteId.equals(lock.get("siteId").s())) {
            return;
        }
        String appointmentId = lock.get("appointmentId").s();
        TransactWriteItem mark = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("APPT#" + appointmentId, "APPT")).updateExpression("SET #s = :completed, vaccinationId = :v")
                .conditionExpression("#s = :booked").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":completed", s("COMPLETED"), ":booked", s("BOOKED"),
                        ":v", s(vaccinationId))).build()).build();
        TransactWriteItem unlock = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key("ACTIVE#" + citizenId, "ACTIVE")).conditionExpression("appointmentId = :id")
                .expressionAttributeValues(Map.of(":id", s(appointmentId))).build()).build();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(mark, unlock));
        if (next != null) {
            Map<String, AttributeValue> appointment = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(key("APPT#" + appointmentId, "APPT"))).item();
            if (appointment != null && appointment.containsKey("phone")) {
                writes.add(ReminderService.item(table, citizenId, appointment.get("phone").s(), next.doseNumber(), next.product(),
                        next.due()));
            }
        }
        if (lock.containsKey("product") && lock.containsKey("slotDay")) {
            // the day's booked doses the plan still expects: this one is given
            writes.add(SupplyItems.booked(table, siteId, LocalDate.parse(lock.get("slotDay").s()), lock.get("product").s(), -1));
        }
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (!Transactions.anyConditionFailed(e)) {
                throw e;
            }
            // cancelled or completed meanwhile: nothing to do
        }
    }

    /** The site's stock counter for a dose given there, to write in the dose's own transaction. */
    public TransactWriteItem given(String siteId, VaccineProduct product) {
        return SupplyItems.stock(table, siteId, "given", product, 1);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
