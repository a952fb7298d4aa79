package vn.movepass.shared.feed;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.FeedItem;
import vn.movepass.shared.page.PageTokens;

/**
 * {@code GET /v1/wards/{wardCode}/feed?date=&pageToken=&limit=}: one Query per page, newest first. Ward police of
 * that ward (and admins) only. {@code date} defaults to today in Asia/Ho_Chi_Minh; {@code limit} 1–200, default 50.
 */
public final class WardFeedService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Its page tokens' list name (a token of one ward and date opens only that ward's feed of that date). */
    static final String LIST = "ward-feed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final AdministrativeUnits units;
    private final PageTokens pageTokens;

    public WardFeedService(DynamoDbClient dynamo, String table, Clock clock, AdministrativeUnits units, PageTokens pageTokens) {
        this.pageTokens = pageTokens;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.units = units;
    }

    public static WardFeedService create(Platform p) {
        return new WardFeedService(p.dynamo(), WardFeed.create(p).tableName(), p.clock(), AdministrativeUnits.get(),
                PageTokens.create(p));
    }


    /** A page: {@code items} and {@code nextPageToken} (null on the last page). */
    public record Page(List<Map<String, Object>> items, String nextPageToken) {
    }

    public Page page(Principal principal, String wardCode, String rawDate, String pageToken, int limit) {
        if (!(principal.hasRole(Role.ADMIN)
                || principal.hasRole(Role.WARD_POLICE) && wardCode.equals(principal.wardCode()))) {
            throw new ForbiddenException("the feed of a ward is for the police of that ward");
        }
        if (!units.isWard(wardCode)) {
            throw new NotFoundException("no ward " + wardCode);
        }
        LocalDate date;
        try {
            date = rawDate == null || rawDate.isBlank() ? Times.vietnamDate(clock.instant()) : LocalDate.parse(rawDate.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD");
        }
        String pk = WardFeed.pk(wardCode, date);
        String scope = wardCode + "|" + date;
        Map<String, AttributeValue> start = pageTokens.open(LIST, scope, pageToken);
        QueryResponse answer = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start));
        List<Map<String, Object>> items = new ArrayList<>(answer.count());
        for (Map<String, AttributeValue> raw : answer.items()) {
            FeedItem f = FeedItem.SCHEMA.mapToItem(raw);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind());
            m.put("citizenId", f.citizenId());
            m.put("fullName", f.fullName());
            m.put("at", f.at());
            if (f.caseId() != null) {
                m.put("caseId", f.caseId());
            } else {
                m.put("declarationId", f.declarationId());
            }
            m.put("checkpointId", f.checkpointId());
            if (f.direction() != null) {
                m.put("direction", f.direction());
                m.put("decision", f.decision());
            }
            if (f.level() != null) {
                m.put("level", f.level());
            }
            items.add(m);
        }
        return new Page(items, pageTokens.seal(LIST, scope, answer.lastEvaluatedKey()));
    }
}
