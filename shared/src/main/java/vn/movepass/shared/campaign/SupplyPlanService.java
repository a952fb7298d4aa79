package vn.movepass.shared.campaign;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.Tables;

/**
 * {@code GET /v1/vaccination-plans?provinceCode=&from=&days=}: per site of the province, day and product, the doses
 * booked (still to give), what is in stock for them and the shortfall, read from the counters of {@link SupplyItems}:
 * one Query of the province's sites, one Query per site of its days (from today, so that what is booked before
 * {@code from} is reserved) and one BatchGetItem of the sites' stock. Nothing is scanned and no appointment is read.
 *
 * <p>For a day {@code d} and a product {@code p}: {@code inStock = delivered(p) - given(p) - booked(p) on the days from
 * today to d - 1} (doses already promised), never below 0; {@code shortfall = max(0, booked(p) on d - inStock)}. First
 * doses ({@link SupplyItems#ANY}) can take any product: their stock is what is left of all products once the doses
 * booked for a given product (before and on the day) are set aside. A health official orders what the shortfall lines
 * say; {@code shortfallOnly=true} lists only those.
 */
public final class SupplyPlanService {
    static final int MAX_DAYS = 31;
    static final int MAX_AHEAD_DAYS = 90;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final AdministrativeUnits units;

    public SupplyPlanService(DynamoDbClient dynamo, String table, Clock clock, AdministrativeUnits units) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.units = units;
    }

    public static SupplyPlanService create(Platform p) {
        return new SupplyPlanService(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE), p.clock(), AdministrativeUnits.get());
    }

    /** One line of the plan. */
    public record Line(String siteId, String date, String product, long booked, long inStock, long shortfall) {
    }

    /** The plan of a province. */
    public record Plan(String provinceCode, String from, int days, List<Line> items) {
    }

    /** The query, parsed: {@code from} defaults to today (Viet Nam), {@code days} to 7. */
    public record Query(String provinceCode, String from, String days, boolean shortfallOnly) {
    }

    public Plan plan(Principal by, Query q) {
        Access.requireRole(by, Role.HEALTH_OFFICIAL, Role.ANALYST, Role.ADMIN);
        String province = q.provinceCode();
        if (province == null || !province.matches("[0-9]{2}") || units.province(province).isEmpty()) {
            throw InvalidInputException.of("provinceCode", "FORMAT", "a 2-digit GSO province code");
        }
        if (by.role() == Role.HEALTH_OFFICIAL && by.provinceCode() != null && !by.provinceCode().equals(province)) {
            throw new ForbiddenException("this account covers province " + by.provinceCode() + " only");
        }
        LocalDate today = Times.vietnamDate(clock.instant());
        LocalDate from = parseFrom(q.from(), today);
        int days = parseDays(q.days());
        LocalDate last = from.plusDays(days - 1L);
        List<String> sites = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName("byProvince").keyConditionExpression("provinceCode = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(province))))
                .items().forEach(item -> sites.add(item.get("siteId").s()));
        sites.sort(null);
        Map<String, Map<String, AttributeValue>> stock = new HashMap<>();
        List<Map<String, AttributeValue>> keys = sites.stream().map(SupplyItems::stockKey).toList();
        for (var item : BatchReads.getAll(dynamo, table, keys, false)) {
            stock.put(item.get("siteId").s(), item);
        }
        List<Line> lines = new ArrayList<>();
        for (String site : sites) {
            Map<LocalDate, Map<String, Long>> booked = bookedDays(site, today, last);
            lines.addAll(siteLines(site, stock.getOrDefault(site, Map.of()), booked, today, from, last));
        }
        if (q.shortfallOnly()) {
            lines.removeIf(l -> l.shortfall() == 0);
        }
        return new Plan(province, from.toString(), days, lines);
    }

    private Map<LocalDate, Map<String, Long>> bookedDays(String siteId, LocalDate today, LocalDate last) {
        Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SITE#" + siteId),
                                ":a", AttributeValue.fromS(SupplyItems.DAY + today),
                                ":b", AttributeValue.fromS(SupplyItems.DAY + last))))
                .items().forEach(item -> out.put(LocalDate.parse(item.get("day").s()), amounts(item, "booked_")));
        return out;
    }

    /** The lines of one site: pure arithmetic on its counters (tested without a table). */
    static List<Line> siteLines(String siteId, Map<String, AttributeValue> stockItem, Map<LocalDate, Map<String, Long>> booked,
                                LocalDate today, LocalDate from, LocalDate last) {
        Map<String, Long> delivered = amounts(stockItem, "delivered_");
        Map<String, Long> given = amounts(stockItem, "given_");
        TreeSet<String> products = new TreeSet<>(delivered.keySet());
        booked.values().forEach(m -> products.addAll(m.keySet()));
        products.remove(SupplyItems.ANY);
        Map<String, Long> left = new HashMap<>();
        for (String p : products) {
            left.put(p, delivered.getOrDefault(p, 0L) - given.getOrDefault(p, 0L));
        }
        long anyAhead = 0;
        List<Line> out = new ArrayList<>();
        for (LocalDate d = today; !d.isAfter(last); d = d.plusDays(1)) {
            Map<String, Long> day = booked.getOrDefault(d, Map.of());
            long spare = 0; // what each product has left once its own doses of the day are given
            for (String p : products) {
                long b = day.getOrDefault(p, 0L);
                long inStock = Math.max(0, left.get(p));
                if (!d.isBefore(from) && (b > 0 || delivered.containsKey(p))) {
                    out.add(new Line(siteId, d.toString(), p, b, inStock, Math.max(0, b - inStock)));
                }
                spare += Math.max(0, inStock - b);
            }
            long anyBooked = day.getOrDefault(SupplyItems.ANY, 0L);
            long anyStock = Math.max(0, spare - anyAhead);
            if (!d.isBefore(from) && anyBooked > 0) {
                out.add(new Line(siteId, d.toString(), SupplyItems.ANY, anyBooked, anyStock, Math.max(0, anyBooked - anyStock)));
            }
            for (String p : products) {
                left.merge(p, -day.getOrDefault(p, 0L), Long::sum);
            }
            anyAhead += anyBooked;
        }
        return out;
    }

    private static Map<String, Long> amounts(Map<String, AttributeValue> item, String prefix) {
        Map<String, Long> out = new HashMap<>();
        item.forEach((name, v) -> {
            if (name.startsWith(prefix) && v.n() != null) {
                out.put(name.substring(prefix.length()), Long.parseLong(v.n()));
            }
        });
        return out;
    }

    private static LocalDate parseFrom(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return today;
        }
        LocalDate from;
        try {
            from = LocalDate.parse(raw.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.of("from", "FORMAT", "must be a date YYYY-MM-DD");
        }
        if (from.isBefore(today) || from.isAfter(today.plusDays(MAX_AHEAD_DAYS))) {
            throw InvalidInputException.of("from", "OUT_OF_RANGE", "a plan starts today or within " + MAX_AHEAD_DAYS + " days");
        }
        return from;
    }

    private static int parseDays(String raw) {
        if (raw == null || raw.isBlank()) {
            return 7;
        }
        if (!raw.strip().matches("[0-9]{1,2}")) {
            throw InvalidInputException.of("days", "FORMAT", "a number of days from 1 to " + MAX_DAYS);
        }
        int days = Integer.parseInt(raw.strip());
        if (days < 1 || days > MAX_DAYS) {
            throw InvalidInputException.of("days", "OUT_OF_RANGE", "a number of days from 1 to " + MAX_DAYS);
        }
        return days;
    }
}
