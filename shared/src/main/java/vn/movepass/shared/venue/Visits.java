package vn.movepass.shared.venue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.HourShards;

/**
 * VenueTable's stays ("visits") and how tracing reads them. A visit is one person's stay at a venue:
 * {@code pk = VISIT#<venueId>#<UTC day of the IN>}, {@code sk = <inAt>#<visitId>}, with {@code outAt} once they check
 * out. A stay without OUT counts as {@code ±window} around its IN; a stay is never longer than {@link #MAX_STAY} (a
 * presence older than that is over: its person is no longer inside). So the stays overlapping {@code [from, to]} at a
 * venue have their IN in {@code [from − MAX_STAY, to + window]}: a Query of at most three day partitions, never a
 * Scan. A person's stays are found through the sparse index {@code byCitizen} (citizenId, inAt).
 */
public final class Visits {
    public static final Duration MAX_STAY = Duration.ofHours(12);
    public static final String BY_CITIZEN = "byCitizen";
    public static final String BY_HOUR = "byHour";

    /** One stay; {@code outAt} is null while (or if) the person never checked out. */
    public record Stay(String visitId, String venueId, String citizenId, Instant inAt, Instant outAt) {
        /** The stay's span: IN to OUT, or ±window around an IN without OUT. */
        public Instant from(Duration window) {
            return outAt == null ? inAt.minus(window) : inAt;
        }

        public Instant to(Duration window) {
            return outAt == null ? inAt.plus(window) : outAt;
        }

        /** Whether the two stays share an instant (both ends included). */
        public boolean overlaps(Stay other, Duration window) {
            return !from(window).isAfter(other.to(window)) && !other.from(window).isAfter(to(window));
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration window;

    public Visits(DynamoDbClient dynamo, String table, Duration window) {
        this.dynamo = dynamo;
        this.table = table;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public static String partition(String venueId, Instant inAt) {
        return "VISIT#" + venueId + "#" + LocalDate.ofInstant(inAt, ZoneOffset.UTC);
    }

    public static String sort(Instant inAt, String visitId) {
        return Times.iso(inAt) + "#" + visitId;
    }

    /**
     * The stay's {@code inHour} (the {@link #BY_HOUR} index's key): {@code <yyyyMMddHH of the IN>#<s>}, s the shard of
     * the visit id ({@link HourShards}), so the country's check-ins of one hour are four keys, not one; the OUT rewrites
     * the stay with the same value. The export reads an hour through {@code HourShards.keys(hour)}.
     */
    public static String hourKey(Instant inAt, String visitId) {
        return HourShards.key(Times.hourBucket(inAt), visitId);
    }

    /** A person's stays with their IN in {@code [from, to]}. */
    public List<Stay> of(String citizenId, Instant from, Instant to) {
        List<Stay> out = new ArrayList<>();
        Map<String, AttributeValue> values = Map.of(":c", s(citizenId), ":from", s(Times.iso(from)), ":to", s(Times.iso(to)));
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(BY_CITIZEN)
                .keyConditionExpression("citizenId = :c AND inAt BETWEEN :from AND :to")
                .expressionAttributeValues(values).build()).items().forEach(item -> out.add(stay(item)));
        return out;
    }

    /** Everyone's stays at {@code venueId} that overlap {@code traced} (the traced stay itself included). */
    public List<Stay> overlapping(String venueId, Stay traced) {
        Instant earliestIn = traced.from(window).minus(MAX_STAY);
        Instant latestIn = traced.to(window).plus(window);
        List<Stay> out = new ArrayList<>();
        for (LocalDate day = LocalDate.ofInstant(earliestIn, ZoneOffset.UTC); !day.isAfter(LocalDate.ofInstant(latestIn,
                ZoneOffset.UTC)); day = day.plusDays(1)) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", s("VISIT#" + venueId + "#" + day));
            values.put(":from", s(Times.iso(earliestIn)));
            values.put(":to", s(Times.iso(latestIn) + "#\uffff"));
            for (var item : dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to").expressionAttributeValues(values).build())
                    .items()) {
                Stay stay = stay(item);
                if (stay.overlaps(traced, window)) {
                    out.add(stay);
                }
            }
        }
        return out;
    }

    static Stay stay(Map<String, AttributeValue> item) {
        AttributeValue out = item.get("outAt");
        return new Stay(item.get("visitId").s(), item.get("venueId").s(), item.get("citizenId").s(),
                Instant.parse(item.get("inAt").s()), out == null || out.s() == null ? null : Instant.parse(out.s()));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
