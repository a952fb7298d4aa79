package vn.movepass.shared.campaign;

import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.health.VaccineProduct;

/**
 * The supply plan's counters in VaccinationTable, each kept in the transaction of the record it counts:
 * <ul>
 *   <li>{@code SITE#<siteId>/DAY#<date>}: {@code booked_<PRODUCT>}, the appointments of the day still to be given, by
 *       the product they need ({@value #ANY} for a first dose, which any product serves): +1 by a booking, -1 by its
 *       cancellation or by the dose that completes it;</li>
 *   <li>{@code SITE#<siteId>/STOCK}: {@code delivered_<PRODUCT>} (+ each delivery) and {@code given_<PRODUCT>} (+1 by
 *       each dose recorded at the site).</li>
 * </ul>
 * They sort after the site's deliveries and before {@code SITE} ({@code DAY#…} &lt; {@code DELIVERY#…}), so a plan
 * reads a site's days with one Query on a range of {@code sk}.
 */
public final class SupplyItems {
    /** What a first dose books: any product in stock serves it. */
    public static final String ANY = "ANY";
    static final String DAY = "DAY#";
    static final String STOCK = "STOCK";

    private SupplyItems() {
    }

    /** The product a booking needs: the series' product after a first dose, else {@value #ANY}. */
    public static String needed(VaccineProduct last) {
        return last == null ? ANY : last.name();
    }

    static Map<String, AttributeValue> dayKey(String siteId, LocalDate day) {
        return key("SITE#" + siteId, DAY + day);
    }

    static Map<String, AttributeValue> stockKey(String siteId) {
        return key("SITE#" + siteId, STOCK);
    }

    /** {@code ADD booked_<product> amount} on the site's day (kept a year after the day, as the slots are). */
    static TransactWriteItem booked(String table, String siteId, LocalDate day, String product, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(dayKey(siteId, day))
                .updateExpression("SET #day = :day ADD #b :n")
                .expressionAttributeNames(Map.of("#day", "day", "#b", "booked_" + product))
                .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day.toString()),
                        ":n", AttributeValue.fromN(Long.toString(amount)))).build()).build();
    }

    /** {@code ADD <kind>_<product> amount} on the site's stock ({@code kind}: delivered or given). */
    public static TransactWriteItem stock(String table, String siteId, String kind, VaccineProduct product, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(stockKey(siteId))
                .updateExpression("SET siteId = :site ADD #k :n")
                .expressionAttributeNames(Map.of("#k", kind + "_" + product.name()))
                .expressionAttributeValues(Map.of(":site", AttributeValue.fromS(siteId),
                        ":n", AttributeValue.fromN(Long.toString(amount)))).build()).build();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
