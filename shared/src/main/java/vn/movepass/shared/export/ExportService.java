package vn.movepass.shared.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Province;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.report.ReportService;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.DeclarationItem;
import vn.movepass.shared.store.HourShards;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;
import vn.movepass.shared.store.SortedMerge;
import vn.movepass.shared.store.Tables;

/**
 * The analysts' daily export of one day (Asia/Ho_Chi_Minh) to {@code exports/dt=YYYY-MM-DD/}: declarations.csv.gz,
 * passages.csv.gz, contacts.csv.gz, health_events.csv.gz, doses.csv.gz, check_ins.csv.gz, notices.csv.gz,
 * daily_report.json, and last manifest.json
 * ({@code {date, files:[{name, rows, sha256}]}}). Rows are streamed from DynamoDB page by page through CSV, gzip and a
 * SHA-256 digest into the bucket (one 8 MiB part buffered), so memory does not grow with the day. Citizen ids (and
 * every other record id and plate) appear only as {@link Pseudonyms}; names, phones and addresses are never read into
 * a row, nor the free-text reasons of health events, nor who recorded them (their role only).
 *
 * <p>A re-run replaces the day whole: the old manifest is deleted first (so a half-written day is never taken as
 * complete), every file is rewritten, stray objects under the prefix are removed, and the manifest comes last.
 * Athena reads each CSV through a symlink file {@code athena/<table>/dt=YYYY-MM-DD/symlink.txt}, since the
 * files share one folder.
 *
 * <p>Reads: declarations by the {@code byHour} index (24 Queries), passages by checkpoint, hour and shard (4 × 24 Queries
 * per checkpoint, each hour's 4 shards merged in sort-key order; the checkpoints by province), contacts by ContactsTable's
 * {@code byHour} index (24 Queries), health events and doses by HealthTable's {@code byHour} index (24 Queries: the events
 * recorded that day), venue check-ins by VenuesTable's {@code byHour} index (the stays whose IN was that day: 4 × 24
 * Queries, the shards of each hour merged by IN instant) and notices by NoticesTable's (no phone number and no text ever
 * reaches a row: whom, for which case, in what state, when).
 */
public final class ExportService {
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    public static final int PROGRESS_EVERY = 100_000;
    public static final List<String> FILES = List.of("declarations.csv.gz", "passages.csv.gz", "contacts.csv.gz",
            "health_events.csv.gz", "doses.csv.gz", "check_ins.csv.gz", "notices.csv.gz", "support_events.csv.gz",
            "daily_report.json", "manifest.json");

    static final String[] DECLARATION_COLUMNS = {"declaration", "citizen", "declared_at", "channel", "status", "reasons",
            "flags", "gender", "birth_year", "residence_ward", "origin_ward", "destination_ward", "departure_date",
            "purpose", "vehicle_type", "vehicle", "checkpoint_id"};
    static final String[] PASSAGE_COLUMNS = {"passage", "citizen", "declaration", "checkpoint_id", "checkpoint_ward", "at",
            "direction", "decision", "verdict", "origin_ward", "destination_ward", "vehicle"};
    static final String[] CONTACT_COLUMNS = {"case", "citizen", "level", "depth", "via", "kind", "checkpoint_id", "at",
            "contact_at", "vehicle", "residence_ward", "created_at", "venue_id"};
    static final String[] HEALTH_EVENT_COLUMNS = {"event", "citizen", "type", "at", "level", "case", "test_method",
        "test_result", "place", "until", "by_role", "ward", "recorded_at"};
    static final String[] DOSE_COLUMNS = {"vaccination", "citizen", "product", "dose_number", "administered_at", "lot",
        "site_id", "by_role", "ward", "recorded_at"};
    static final String[] CHECK_IN_COLUMNS = {"check_in", "citizen", "venue_id", "venue_type", "ward", "in_at", "out_at",
        "via", "verdict", "colour"};
    static final String[] NOTICE_COLUMNS = {"case", "citizen", "status", "channel", "level", "state", "sent_at"};
    /** Policy support (issue 19): each change of a case (CREATED, PAID, REVERSED) with its amount; ids pseudonymised. */
    static final String[] SUPPORT_EVENT_COLUMNS = {"support_case", "citizen", "event", "policy", "amount_vnd", "method", "ward",
        "at", "paid_at", "by_role"};
    /** Each Athena table (its name is its file's, without .csv.gz) and its columns: the header of its file. */
    public static final Map<String, List<String>> TABLES = tables();

    private final DynamoDbClient dynamo;
    private final ExportSink sink;
    private final byte[] secret;
    private final ReportService reports;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final String declarationsTable;
    private final String passagesTable;
    private final String checkpointsTable;
    private final String contactsTable;
    private final String healthTable;
    private final String venuesTable;
    private final String noticesTable;
    private final String supportTable;

    public ExportService(DynamoDbClient dynamo, ExportSink sink, byte[] secret, ReportService reports, AdministrativeUnits units,
                         Clock clock, String declarationsTable, String passagesTable, String checkpointsTable,
                         String contactsTable, String healthTable, String venuesTable, String noticesTable,
                         String supportTable) {
        this.dynamo = dynamo;
        this.sink = sink;
        this.secret = secret.clone();
        this.reports = reports;
        this.units = units;
        this.clock = clock;
        this.declarationsTable = declarationsTable;
        this.passagesTable = passagesTable;
        this.checkpointsTable = checkpointsTable;
        this.contactsTable = contactsTable;
        this.healthTable = healthTable;
        this.venuesTable = venuesTable;
        this.noticesTable = noticesTable;
        this.supportTable = supportTable;
    }

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("declarations", List.of(DECLARATION_COLUMNS));
        t.put("passages", List.of(PASSAGE_COLUMNS));
        t.put("contacts", List.of(CONTACT_COLUMNS));
        t.put("health_events", List.of(HEALTH_EVENT_COLUMNS));
        t.put("doses", List.of(DOSE_COLUMNS));
        t.put("check_ins", List.of(CHECK_IN_COLUMNS));
        t.put("notices", List.of(NOTICE_COLUMNS));
        t.put("support_events", List.of(SUPPORT_EVENT_COLUMNS));
        return java.util.Collections.unmodifiableMap(t);
    }

    public static ExportService create(Platform p) {
        var env = p.environment();
        byte[] secret = decodeSecret(env.require(EnvKey.EXPORT_PSEUDONYM_SECRET));
        return new ExportService(p.dynamo(), S3ExportSink.create(p), secret, ReportService.create(p),
                AdministrativeUnits.get(), p.clock(), Tables.name(p, EnvKey.DECLARATIONS_TABLE), Tables.name(p, EnvKey.PASSAGES_TABLE),
                Tables.name(p, EnvKey.CHECKPOINTS_TABLE), Tables.name(p, EnvKey.CONTACTS_TABLE), Tables.name(p, EnvKey.HEALTH_TABLE),
                Tables.name(p, EnvKey.VENUES_TABLE), Tables.name(p, EnvKey.NOTICES_TABLE),
                Tables.name(p, EnvKey.SUPPORT_TABLE));
    }

    /** Base64 when it decodes to ≥ 16 bytes, else the UTF-8 bytes of the text. */
    static byte[] decodeSecret(String raw) {
        try {
            byte[] b = Base64.getDecoder().decode(raw);
            if (b.length >= 16) {
                return b;
            }
        } catch (IllegalArgumentException ignored) {
            // not base64
        }
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /** The day a scheduled run exports: the day before the scheduled instant, in Asia/Ho_Chi_Minh. */
    public static LocalDate previousDay(Instant scheduledAt) {
        return Times.vietnamDate(scheduledAt).minusDays(1);
    }

    /** The day a run exports when none is given: yesterday in Asia/Ho_Chi_Minh, by this function's clock. */
    public LocalDate defaultDay() {
        return previousDay(clock.instant());
    }

    /** One file of the manifest. */
    public record FileEntry(String name, long rows, String sha256) {
    }

    /** The manifest: {@code {date, files}}. */
    public record Manifest(String date, List<FileEntry> files) {
    }

    public static String prefix(LocalDate day) {
        return "exports/dt=" + day + "/";
    }

    public Manifest run(LocalDate day) {
        long started = System.nanoTime();
        String prefix = prefix(day);
        sink.delete(prefix + "manifest.json");
        Pseudonyms ids = new Pseudonyms(secret);
        List<FileEntry> files = new ArrayList<>();
        files.add(csv(day, "declarations.csv.gz", DECLARATION_COLUMNS, out -> declarations(day, ids, out)));
        files.add(csv(day, "passages.csv.gz", PASSAGE_COLUMNS, out -> passages(day, ids, out)));
        files.add(csv(day, "contacts.csv.gz", CONTACT_COLUMNS, out -> contacts(day, ids, out)));
        files.add(csv(day, "health_events.csv.gz", HEALTH_EVENT_COLUMNS, out -> healthEvents(day, ids, out, false)));
        files.add(csv(day, "doses.csv.gz", DOSE_COLUMNS, out -> healthEvents(day, ids, out, true)));
        files.add(csv(day, "check_ins.csv.gz", CHECK_IN_COLUMNS, out -> byHour(day, venuesTable, "inHour", "inAt", out,
                item -> new Object[]{ids.of(text(item, "visitId")), ids.of(text(item, "citizenId")), text(item, "venueId"),
                    text(item, "venueType"), text(item, "wardCode"), text(item, "inAt"), text(item, "outAt"), text(item, "via"),
                    text(item, "verdict"), text(item, "colour")})));
        files.add(csv(day, "notices.csv.gz", NOTICE_COLUMNS, out -> byHour(day, noticesTable, "sentHour", null, out,
                item -> new Object[]{ids.of(text(item, "caseId")), ids.of(text(item, "citizenId")), text(item, "status"),
                    text(item, "channel"), text(item, "level"), text(item, "state"), text(item, "sentAt")})));
        files.add(csv(day, "support_events.csv.gz", SUPPORT_EVENT_COLUMNS, out -> supportEvents(day, ids, out)));
        files.add(report(day));
        for (String key : sink.list(prefix)) {
            if (!Set.copyOf(FILES).contains(key.substring(prefix.length()))) {
                sink.delete(key);
            }
        }
        for (String table : TABLES.keySet()) {
            writeSmall("athena/" + table + "/dt=" + day + "/symlink.txt", "text/plain",
                    (sink.uri(prefix + table + ".csv.gz") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest(day.toString(), List.copyOf(files));
        writeSmall(prefix + "manifest.json", "application/json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        LOG.info("export {} complete in {} ms: {}", day, (System.nanoTime() - started) / 1_000_000,
                files.stream().map(f -> f.name() + "=" + f.rows()).toList());
        return manifest;
    }

    /** Writes rows; returns how many. */
    @FunctionalInterface
    private interface Rows {
        long write(RowSink out) throws IOException;
    }

    /** A CSV writer that counts and logs progress. */
    private static final class RowSink {
        private final CsvWriter printer;
        private final String name;
        private final LocalDate day;
        private long rows;

        RowSink(CsvWriter printer, String name, LocalDate day) {
            this.printer = printer;
            this.name = name;
            this.day = day;
        }

        void row(Object... values) throws IOException {
            printer.record(values);
            rows++;
            if (rows % PROGRESS_EVERY == 0) {
                LOG.info("export {} {}: {} rows", day, name, rows);
            }
        }
    }

    private FileEntry csv(LocalDate day, String name, String[] header, Rows rows) {
        MessageDigest sha = sha256();
        long count;
        try (OutputStream object = sink.create(prefix(day) + name, "application/gzip");
             DigestOutputStream digest = new DigestOutputStream(object, sha);
             GZIPOutputStream gzip = new GZIPOutputStream(digest, 64 * 1024);
             Writer writer = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
             CsvWriter printer = new CsvWriter(writer)) {
            printer.record((Object[]) header);
            RowSink out = new RowSink(printer, name, day);
            rows.write(out);
            count = out.rows;
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + name + " failed", e);
        }
        return new FileEntry(name, count, HexFormat.of().formatHex(sha.digest()));
    }

    private FileEntry report(LocalDate day) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", day.toString());
        json.put("national", reports.report(Unit.NATIONAL, day));
        List<Object> provinces = new ArrayList<>();
        for (Province p : units.provinces()) {
            provinces.add(reports.report(new Unit(Unit.Level.PROVINCE, p.code()), day));
        }
        json.put("provinces", provinces);
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        writeSmall(prefix(day) + "daily_report.json", "application/json", bytes);
        return new FileEntry("daily_report.json", 1 + provinces.size(), HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    private void writeSmall(String key, String contentType, byte[] bytes) {
        try (OutputStream out = sink.create(key, contentType)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + key + " failed", e);
        }
    }

    /** The 24 UTC hour buckets of a Vietnam day (UTC+7, no daylight saving). */
    static List<String> hourBuckets(LocalDate day) {
        Instant start = day.atStartOfDay(Times.VIETNAM).toInstant();
        List<String> buckets = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            buckets.add(Times.hourBucket(start.plus(Duration.ofHours(h))));
        }
        return buckets;
    }

    private long declarations(LocalDate day, Pseudonyms ids, RowSink out) throws IOException {
        for (String hour : hourBuckets(day)) {
            var pages = dynamo.queryPaginator(q -> q.tableName(declarationsTable).indexName("byHour")
                    .keyConditionExpression("declaredHour = :h")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hour))));
            for (var raw : pages.items()) {
                DeclarationItem d = DeclarationItem.SCHEMA.mapToItem(raw);
                out.row(ids.of(d.declarationId()), ids.of(d.citizenId()), d.declaredAt(), d.channel(), d.status(),
                        join(d.reasons()), join(d.flags()), d.gender(), birthYear(d.dateOfBirth()), d.residenceWard(),
                        d.originWard(), d.destinationWard(), d.departureDate(), d.purpose(), d.vehicleType(),
                        ids.of(vn.movepass.shared.domain.Plates.key(d.vehiclePlate())), d.checkpointId());
            }
        }
        return out.rows;
    }

    private long passages(LocalDate day, Pseudonyms ids, RowSink out) throws IOException {
        List<CheckpointItem> checkpoints = new ArrayList<>();
        // the checkpoints of each province (the byProvince index; province policies have no province there): no Scan
        for (var province : units.provinces()) {
            dynamo.queryPaginator(q -> q.tableName(checkpointsTable).indexName("byProvince")
                    .keyConditionExpression("provinceCode = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(province.code()))))
                    .items().forEach(raw -> checkpoints.add(CheckpointItem.SCHEMA.mapToItem(raw)));
        }
        checkpoints.sort(java.util.Comparator.comparing(CheckpointItem::checkpointId));
        List<String> hours = hourBuckets(day);
        for (CheckpointItem cp : checkpoints) {
            for (String hour : hours) {
                // the hour's shards, merged in sort-key order (instant, then passage id): the rows of the one key they were
                List<Iterable<Map<String, AttributeValue>>> shards = new ArrayList<>(HourShards.SHARDS);
                for (String pk : PassageKeys.partitions(cp.checkpointId(), hour)) {
                    shards.add(dynamo.queryPaginator(q -> q.tableName(passagesTable).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items());
                }
                for (var raw : SortedMerge.of(shards, by("sk"))) {
                    PassageItem p = PassageItem.SCHEMA.mapToItem(raw);
                    out.row(ids.of(p.passageId()), ids.of(p.citizenId()), ids.of(p.declarationId()), p.checkpointId(),
                            cp.wardCode(), p.at(), p.direction(), p.decision(), p.verdict(), p.originWard(),
                            p.destinationWard(), ids.of(p.plateKey()));
                }
            }
        }
        return out.rows;
    }

    private long contacts(LocalDate day, Pseudonyms ids, RowSink out) throws IOException {
        String from = Times.iso(day.atStartOfDay(Times.VIETNAM).toInstant());
        String to = Times.iso(day.plusDays(1).atStartOfDay(Times.VIETNAM).toInstant());
        // the contacts first written that day, hour by hour (ContactsTable's byHour index): no Scan
        for (String hour : hourBuckets(day)) {
            var pages = dynamo.queryPaginator(q -> q.tableName(contactsTable).indexName("byHour")
                    .keyConditionExpression("createdHour = :h AND createdAt BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hour), ":from", AttributeValue.fromS(from),
                            ":to", AttributeValue.fromS(to))));
            for (var raw : pages.items()) {
                ContactItem c = ContactItem.SCHEMA.mapToItem(raw);
                out.row(ids.of(c.caseId()), ids.of(c.citizenId()), c.level(), c.depth(), ids.of(c.via()), c.kind(),
                        c.checkpointId(), c.at(), c.contactAt(), ids.of(vn.movepass.shared.domain.Plates.key(c.plate())),
                        c.residenceWard(), c.createdAt(), c.venueId());
            }
        }
        return out.rows;
    }

    /**
     * The health events recorded on {@code day} (by the byHour index): every type but DOSE to health_events.csv, DOSE to
     * doses.csv ({@code doses}). The detail's free-text reason is never exported.
     */
    private long healthEvents(LocalDate day, Pseudonyms ids, RowSink out, boolean doses) throws IOException {
        for (String hour : hourBuckets(day)) {
            var pages = dynamo.queryPaginator(q -> q.tableName(healthTable).indexName("byHour")
                    .keyConditionExpression("recordedHour = :h")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hour))));
            for (var item : pages.items()) {
                String type = text(item, "type");
                if (type == null || doses != "DOSE".equals(type)) {
                    continue;
                }
                JsonNode detail = Json.readTree(text(item, "detail") == null ? "{}" : text(item, "detail"));
                if (doses) {
                    out.row(ids.of(text(item, "eventId")), ids.of(text(item, "pk")), detail.path("product").asText(""),
                            detail.path("doseNumber").asText(""), text(item, "at"), detail.path("lot").asText(""),
                            detail.path("siteId").asText(""), text(item, "byRole"), text(item, "wardCode"),
                            text(item, "recordedAt"));
                } else {
                    JsonNode test = detail.path("test");
                    out.row(ids.of(text(item, "eventId")), ids.of(text(item, "pk")), type, text(item, "at"),
                            text(item, "level"), ids.of(detail.path("caseId").asText(null)), test.path("method").asText(""),
                            test.path("result").asText(""), detail.path("place").asText(""), detail.path("until").asText(""),
                            text(item, "byRole"), text(item, "wardCode"), text(item, "recordedAt"));
                }
            }
        }
        return out.rows;
    }

    /**
     * The rows of a table's {@code byHour} index for the day's 24 hours (items without the hour are not in it). With
     * {@code shardedBy} (the index's sort key) the hour attribute is {@code <hour>#<s>} ({@link HourShards}): each hour's
     * shards are read and merged in that key's order, as the one key gave them; without it, the hour itself.
     */
    private long byHour(LocalDate day, String table, String hourAttribute, String shardedBy, RowSink out,
                        java.util.function.Function<Map<String, AttributeValue>, Object[]> row) throws IOException {
        for (String hour : hourBuckets(day)) {
            List<String> keys = shardedBy == null ? List.of(hour) : HourShards.keys(hour);
            List<Iterable<Map<String, AttributeValue>>> shards = new ArrayList<>(keys.size());
            for (String key : keys) {
                shards.add(dynamo.queryPaginator(q -> q.tableName(table).indexName("byHour")
                        .keyConditionExpression("#h = :h").expressionAttributeNames(Map.of("#h", hourAttribute))
                        .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(key)))).items());
            }
            for (var item : shards.size() == 1 ? shards.get(0) : SortedMerge.of(shards, by(shardedBy))) {
                out.row(row.apply(item));
            }
        }
        return out.rows;
    }

    /** Items in the text order of one of their string attributes (a key, so always present). */
    private static java.util.Comparator<Map<String, AttributeValue>> by(String attribute) {
        return java.util.Comparator.comparing(item -> item.get(attribute).s());
    }

    /** Policy support (issue 19): the day's case events by SupportTable's byHour index; amounts kept, ids pseudonymised. */
    private long supportEvents(LocalDate day, Pseudonyms ids, RowSink out) throws IOException {
        for (String hour : hourBuckets(day)) {
            var pages = dynamo.queryPaginator(q -> q.tableName(supportTable).indexName("byHour")
                    .keyConditionExpression("recordedHour = :h")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hour))));
            for (var item : pages.items()) {
                AttributeValue amount = item.get("amountVnd");
                out.row(ids.of(text(item, "pk").substring("CASE#".length())), ids.of(text(item, "citizenId")), text(item, "type"),
                        text(item, "policyId"), amount == null ? "" : amount.n(), text(item, "method"), text(item, "ward"),
                        text(item, "at"), text(item, "paidAt"), text(item, "byRole"));
            }
        }
        return out.rows;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "" : String.join(";", values);
    }

    private static String birthYear(String dateOfBirth) {
        return dateOfBirth == null || dateOfBirth.length() < 4 ? null : dateOfBirth.substring(0, 4);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
