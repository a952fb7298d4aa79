package vn.movepass.shared.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.declaration.RegistryCheck;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.health.Vaccination;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.limit.AttemptLimiter;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * Vaccination sites, deliveries, bookings and check-ins in VaccinationTable:
 * <ul>
 *   <li>a site {@code SITE#<siteId>/SITE} (index {@code byProvince}), its deliveries {@code SITE#<siteId>/DELIVERY#…};</li>
 *   <li>a slot's counter {@code SLOT#<siteId>#<start>/SLOT}: {@code booked} only ever rises through a conditional
 *       update ({@code booked < capacity}), so under any concurrency a slot never holds more bookings than places;</li>
 *   <li>an appointment {@code APPT#<id>/APPT} (the id is an unguessable capability: whoever holds it may see and
 *       cancel it), and the citizen's lock {@code ACTIVE#<citizenId>/ACTIVE}: one active appointment per citizen,
 *       put on condition that none is, or that the one there has been missed.</li>
 * </ul>
 * A booking is one transaction of the lock, the slot's +1 and the appointment; a cancellation one of the
 * appointment's status, the slot's −1 and the lock's removal. A booked slot passed by more than the site's opening
 * hours reads MISSED (judged by the clock: it frees nothing retroactively, and a new booking may replace its lock).
 */
public final class CampaignService {
    static final String QR_PREFIX = "MPA1:";
    private static final int NEXT_SLOT_DAYS = 7;
    private static final int QR_PNG_SIZE = 320;
    private static final QrRenderer QR = new QrRenderer();

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbTable<ResidentItem> residents;
    private final String healthTable;
    private final AttemptLimiter limiter;
    private final AuditLog audit;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final AdministrativeUnits units;

    public CampaignService(DynamoDbClient dynamo, String table, DynamoDbTable<ResidentItem> residents, String healthTable,
                           AttemptLimiter limiter, AuditLog audit, Clock clock, IdSource ids, Duration retention,
                           AdministrativeUnits units) {
        this.dynamo = dynamo;
        this.table = table;
        this.residents = residents;
        this.healthTable = healthTable;
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.units = units;
    }

    public static CampaignService create(Platform p) {
        return new CampaignService(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE), Tables.residents(p),
                Tables.name(p, EnvKey.HEALTH_TABLE), AttemptLimiter.create(p), AuditLog.create(p), p.clock(), p.ids(),
                p.environment().duration(EnvKey.HEALTH_RETENTION_DAYS), AdministrativeUnits.get());
    }

    // ------------------------------------------------------------------ sites

    /** A site as the API shows it (times as {@code HH:MM}, Viet Nam). */
    public record SiteView(String siteId, String name, String wardCode, String provinceCode, String address, int slotMinutes,
                           int capacityPerSlot, String opens, String closes) {
        static SiteView of(Site s) {
            return new SiteView(s.siteId(), s.name(), s.wardCode(), s.provinceCode(), s.address(), s.slotMinutes(),
                    s.capacityPerSlot(), s.opens().toString(), s.closes().toString());
        }
    }

    /** {@code POST /v1/vaccination-sites}: a health official of the site's province (or national). */
    public SiteView createSite(Principal by, Site site) {
        Access.requireRole(by, Role.HEALTH_OFFICIAL);
        Access.requireProvince(by, site.provinceCode());
        Map<String, AttributeValue> item = new HashMap<>(key("SITE#" + site.siteId(), "SITE"));
        item.put("siteId", s(site.siteId()));
        item.put("name", s(site.name()));
        item.put("wardCode", s(site.wardCode()));
        item.put("provinceCode", s(site.provinceCode()));
        item.put("address", s(site.address()));
        item.put("slotMinutes", n(site.slotMinutes()));
        item.put("capacityPerSlot", n(site.capacityPerSlot()));
        item.put("opens", s(site.opens().toString()));
        item.put("closes", s(site.closes().toString()));
        item.put("createdBy", s(by.subject()));
        item.put("createdAt", s(Times.iso(clock.instant())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("siteId", "SITE_EXISTS", "site " + site.siteId() + " already exists");
        }
        return SiteView.of(site);
    }

    /** One site on the public list. */
    public record SiteEntry(String siteId, String name, String wardCode, String address, String nextFreeSlot) {
    }

    /** The public list. */
    public record SiteList(List<SiteEntry> items) {
    }

    /** {@code GET /v1/vaccination-sites?provinceCode=79} (public): a Query of the province's sites. */
    public SiteList sites(String provinceCode) {
        if (provinceCode == null || !provinceCode.matches("[0-9]{2}") || units.province(provinceCode).isEmpty()) {
            throw InvalidInputException.of("provinceCode", "FORMAT", "a 2-digit GSO province code");
        }
        List<SiteEntry> out = new ArrayList<>();
        var pages = dynamo.queryPaginator(q -> q.tableName(table).indexName("byProvince")
                .keyConditionExpression("provinceCode = :p").expressionAttributeValues(Map.of(":p", s(provinceCode))));
        for (var item : pages.items()) {
            Site site = site(item);
            Instant next = nextFreeSlot(site);
            out.add(new SiteEntry(site.siteId(), site.name(), site.wardCode(), site.address(),
                    next == null ? null : Times.iso(next)));
        }
        return new SiteList(out);
    }

    /** One slot of a day, with its free places. */
    public record SlotEntry(String slotStart, int places, long booked, long free) {
    }

    /** A site's slots on a day. */
    public record SlotList(String siteId, String date, List<SlotEntry> items) {
    }

    /** {@code GET /v1/vaccination-sites/{siteId}/slots?date=} (public): the day's slots still to come, with free places. */
    public SlotList slots(String siteId, LocalDate day) {
        Site site = requireSite(siteId);
        Instant now = clock.instant();
        List<Instant> starts = site.slots(day).stream().filter(t -> t.isAfter(now)).toList();
        Map<Instant, Long> booked = booked(site, starts);
        List<SlotEntry> out = new ArrayList<>();
        for (Instant t : starts) {
            long b = booked.getOrDefault(t, 0L);
            out.add(new SlotEntry(Times.iso(t), site.capacityPerSlot(), b, Math.max(0, site.capacityPerSlot() - b)));
        }
        return new SlotList(siteId, day.toString(), out);
    }

    /** {@code POST /v1/vaccination-sites/{siteId}/deliveries}: a health official of the site's province. */
    public String deliver(Principal by, String siteId, SiteParser.Delivery d) {
        Site site = requireSite(siteId);
        Access.requireRole(by, Role.HEALTH_OFFICIAL);
        Access.requireProvince(by, site.provinceCode());
        String deliveryId = ids.newId();
        Map<String, AttributeValue> item = new HashMap<>(key("SITE#" + siteId, "DELIVERY#" + Times.iso(d.receivedAt()) + "#" + deliveryId));
        item.put("deliveryId", s(deliveryId));
        item.put("product", s(d.product().name()));
        item.put("doses", n(d.doses()));
        item.put("receivedAt", s(Times.iso(d.receivedAt())));
        item.put("lot", s(d.lot()));
        item.put("recordedBy", s(by.subject()));
        // the delivery and the site's stock counter, in one transaction
        Transactions.write(dynamo, List.of(put(item, true),
                SupplyItems.stock(table, siteId, "delivered", d.product(), d.doses())));
        return deliveryId;
    }

    private Instant nextFreeSlot(Site site) {
        Instant now = clock.instant();
        LocalDate today = Times.vietnamDate(now);
        for (int d = 0; d < NEXT_SLOT_DAYS; d++) {
            List<Instant> starts = site.slots(today.plusDays(d)).stream().filter(t -> t.isAfter(now)).toList();
            Map<Instant, Long> booked = booked(site, starts);
            for (Instant t : starts) {
                if (booked.getOrDefault(t, 0L) < site.capacityPerSlot()) {
                    return t;
                }
            }
        }
        return null;
    }

    private Map<Instant, Long> booked(Site site, List<Instant> starts) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Instant t : starts) {
            keys.add(slotKey(site.siteId(), t));
        }
        Map<Instant, Long> out = new HashMap<>();
        for (var item : BatchReads.getAll(dynamo, table, keys, false)) {
            out.put(Instant.parse(item.get("slotStart").s()), Long.parseLong(item.get("booked").n()));
        }
        return out;
    }

    // ------------------------------------------------------------------ bookings

    /** The answer to a booking: BOOKED with the appointment, or REJECTED with the registry's reasons. */
    public record Booking(String appointmentId, String status, String siteId, String slotStart, Integer doseNumber,
                          List<String> reasons) {
    }

    /**
     * {@code POST /v1/vaccination-appointments} (citizens, no login): checked against the registry like a declaration
     * and limited like one (5 rejections per id in 24 h, then 429 before any registry read).
     */
    public Booking book(BookingRequest r) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            BookingLookup found = lookup(r, now);
            Site site = found.site();
            if (!site.isSlot(r.slotStart())) {
                throw InvalidInputException.of("slotStart", "NOT_A_SLOT", "not the start of one of this site's slots");
            }
            AttemptLimiter.Window window = found.window();
            if (window.limited()) {
                throw limiter.refuse(window, ids.newId(), site.wardCode(), Times.vietnamDate(now), List.of());
            }
            // the registry only once the limit is known not to apply (a limited id is refused without a registry read)
            ResidentItem resident = residents.getItem(Key.builder().partitionValue(r.citizenId()).build());
            List<RejectionReason> reasons = RegistryCheck.reasons(r.citizenId(), r.fullName(), r.dateOfBirth(), r.gender(),
                    resident);
            if (reasons.isEmpty()) {
                return bookChecked(r, site, found, now);
            }
            String appointmentId = ids.newId();
            Map<String, AttributeValue> rejected = new HashMap<>(key("APPT#" + appointmentId, "APPT"));
            rejected.put("status", s("REJECTED"));
            rejected.put("reasons", AttributeValue.fromSs(reasons.stream().map(Enum::name).toList()));
            rejected.put("siteId", s(site.siteId()));
            rejected.put("createdAt", s(Times.iso(now)));
            rejected.put("expiresAt", n(now.plus(retention).getEpochSecond()));
            try {
                Transactions.write(dynamo, List.of(limiter.rejection(window), put(rejected, true)));
                return new Booking(null, "REJECTED", site.siteId(), Times.iso(r.slotStart()), null,
                        reasons.stream().map(Enum::name).toList());
            } catch (TransactionCanceledException e) {
                if (!AttemptLimiter.cancelledOn(e, 0) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** What a booking reads first: the site, the slot's counter, the limit's window, the resident's health. */
    private record BookingLookup(Site site, Map<String, AttributeValue> slot, AttemptLimiter.Window window, HealthSnapshot health) {
    }

    /**
     * What a booking reads before the registry, in one consistent BatchGetItem across three tables rather than four round
     * trips; the registry is read after it, only when the limit does not apply.
     */
    private BookingLookup lookup(BookingRequest r, Instant now) {
        var siteKey = key("SITE#" + r.siteId(), "SITE");
        var slotKey = slotKey(r.siteId(), r.slotStart());
        var windowKey = AttemptLimiter.windowKey(AttemptLimiter.Scope.VACCINATION_BOOKING, r.citizenId());
        var found = BatchReads.across(dynamo, Map.of(
                table, KeysAndAttributes.builder().keys(siteKey, slotKey).consistentRead(true).build(),
                limiter.tableName(), KeysAndAttributes.builder().keys(windowKey).consistentRead(true).build(),
                healthTable, KeysAndAttributes.builder().keys(HealthStore.key(r.citizenId())).consistentRead(true).build()));
        Map<String, AttributeValue> siteItem = null;
        Map<String, AttributeValue> slotItem = null;
        for (var item : found.getOrDefault(table, List.of())) {
            if ("SITE".equals(item.get("sk").s())) {
                siteItem = item;
            } else {
                slotItem = item;
            }
        }
        if (siteItem == null) {
            throw new NotFoundException("no such vaccination site");
        }
        var windowItems = found.getOrDefault(limiter.tableName(), List.of());
        var healthItems = found.getOrDefault(healthTable, List.of());
        AttemptLimiter.Window window = limiter.window(AttemptLimiter.Scope.VACCINATION_BOOKING, r.citizenId(),
                windowItems.isEmpty() ? null : windowItems.get(0), now);
        return new BookingLookup(site(siteItem), slotItem, window,
                HealthStore.status(r.citizenId(), healthItems.isEmpty() ? null : healthItems.get(0)).snapshot());
    }

    private Booking bookChecked(BookingRequest r, Site site, BookingLookup found, Instant now) {
        Vaccination v = found.health().vaccination();
        if (v.completeSince() != null) {
            throw new ConflictException("citizenId", "COMPLETE", "this person's primary vaccination is complete: nothing left to book");
        }
        LocalDate day = Times.vietnamDate(r.slotStart());
        LocalDate from = v.nextDoseFrom();
        if (from != null && day.isBefore(from)) {
            throw InvalidInputException.of("slotStart", "TOO_EARLY", "the next dose may be given from " + from);
        }
        int doseNumber = v.doses() + 1;
        String product = SupplyItems.needed(v.lastProduct());
        // a full slot answers from one read (1 RCU): when a district opens its bookings, the crowd past a slot's places
        // writes nothing, where a transaction cancelled on its condition is billed in full (6 WCU here; docs/capacity.md);
        // the transaction's condition still decides every place
        Map<String, AttributeValue> slotNow = found.slot();
        if (slotNow != null && slotNow.containsKey("booked") && Long.parseLong(slotNow.get("booked").n()) >= site.capacityPerSlot()) {
            throw new ConflictException("slotStart", "SLOT_FULL", "this slot has no free place left");
        }
        String appointmentId = ids.newId();
        Instant missedAt = r.slotStart().plus(site.missedAfter());
        Map<String, AttributeValue> active = new HashMap<>(key("ACTIVE#" + r.citizenId(), "ACTIVE"));
        active.put("appointmentId", s(appointmentId));
        active.put("siteId", s(site.siteId()));
        active.put("slotDay", s(day.toString()));
        active.put("product", s(product));
        active.put("activeUntil", n(missedAt.getEpochSecond()));
        active.put("expiresAt", n(missedAt.plus(Duration.ofDays(1)).getEpochSecond()));
        TransactWriteItem lock = TransactWriteItem.builder().put(Put.builder().tableName(table).item(active)
                .conditionExpression("attribute_not_exists(pk) OR activeUntil < :now")
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build()).build();
        TransactWriteItem place = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(slotKey(site.siteId(), r.slotStart()))
                .updateExpression("SET siteId = :site, slotStart = :start, expiresAt = :exp ADD booked :one")
                .conditionExpression("attribute_not_exists(booked) OR booked < :cap")
                .expressionAttributeValues(Map.of(":site", s(site.siteId()), ":start", s(Times.iso(r.slotStart())),
                        ":exp", n(r.slotStart().plus(retention).getEpochSecond()), ":one", n(1),
                        ":cap", n(site.capacityPerSlot()))).build()).build();
        Map<String, AttributeValue> appointment = new HashMap<>(key("APPT#" + appointmentId, "APPT"));
        appointment.put("appointmentId", s(appointmentId));
        appointment.put("status", s("BOOKED"));
        appointment.put("citizenId", s(r.citizenId()));
        appointment.put("phone", s(r.phone()));
        appointment.put("priorityGroup", s(r.priorityGroup().name()));
        appointment.put("siteId", s(site.siteId()));
        appointment.put("slotStart", s(Times.iso(r.slotStart())));
        appointment.put("missedAt", s(Times.iso(missedAt)));
        appointment.put("doseNumber", n(doseNumber));
        appointment.put("product", s(product));
        appointment.put("createdAt", s(Times.iso(now)));
        appointment.put("expiresAt", n(now.plus(retention).getEpochSecond()));
        try {
            Transactions.write(dynamo, List.of(lock, place, put(appointment, true),
                    SupplyItems.booked(table, site.siteId(), day, product, 1)));
        } catch (TransactionCanceledException e) {
            var failed = Transactions.failedConditions(e);
            if (failed.contains(0)) {
                throw new ConflictException("citizenId", "ALREADY_BOOKED", "this person already has an appointment:"
                        + " cancel it first (its link is on the appointment page)");
            }
            if (failed.contains(1)) {
                throw new ConflictException("slotStart", "SLOT_FULL", "this slot has no free place left");
            }
            throw e;
        }
        return new Booking(appointmentId, "BOOKED", site.siteId(), Times.iso(r.slotStart()), doseNumber, null);
    }

    /** An appointment as its holder sees it: {@code qr} is its QR's text, {@code qrPng} that QR as a PNG data URL (the page's). */
    public record Appointment(String appointmentId, String status, String siteId, String siteName, String address,
                              String slotStart, Integer doseNumber, String qr, String qrPng) {
    }

    /** {@code GET /v1/vaccination-appointments/{id}}: the id is the capability; any other is 404. */
    public Appointment appointment(String appointmentId) {
        Map<String, AttributeValue> item = appointmentItem(appointmentId);
        Site site = requireSite(item.get("siteId").s());
        String qr = QR_PREFIX + appointmentId;
        return new Appointment(appointmentId, status(item), site.siteId(), site.name(), site.address(),
                item.get("slotStart").s(), Integer.parseInt(item.get("doseNumber").n()), qr,
                "data:image/png;base64," + Base64.getEncoder().encodeToString(QR.png(qr, QR_PNG_SIZE)));
    }

    /** {@code DELETE /v1/vaccination-appointments/{id}}: frees the place; a second cancellation changes nothing. */
    public Appointment cancel(String appointmentId) {
        Map<String, AttributeValue> item = appointmentItem(appointmentId);
        String status = status(item);
        if ("CANCELLED".equals(status)) {
            return appointment(appointmentId);
        }
        if (!"BOOKED".equals(status)) {
            throw new ConflictException("appointmentId", status, "this appointment is " + status.toLowerCase() + ": nothing to cancel");
        }
        String citizenId = item.get("citizenId").s();
        Instant slot = Instant.parse(item.get("slotStart").s());
        TransactWriteItem mark = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("APPT#" + appointmentId, "APPT")).updateExpression("SET #s = :cancelled, cancelledAt = :now")
                .conditionExpression("#s = :booked").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":cancelled", s("CANCELLED"), ":booked", s("BOOKED"),
                        ":now", s(Times.iso(clock.instant())))).build()).build();
        TransactWriteItem free = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(slotKey(item.get("siteId").s(), slot)).updateExpression("ADD booked :minus")
                .conditionExpression("booked > :zero")
                .expressionAttributeValues(Map.of(":minus", n(-1), ":zero", n(0))).build()).build();
        TransactWriteItem unlock = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key("ACTIVE#" + citizenId, "ACTIVE")).conditionExpression("appointmentId = :id")
                .expressionAttributeValues(Map.of(":id", s(appointmentId))).build()).build();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(mark, free, unlock));
        if (item.containsKey("product")) {
            writes.add(SupplyItems.booked(table, item.get("siteId").s(), Times.vietnamDate(slot), item.get("product").s(), -1));
        }
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (Transactions.failedConditions(e).contains(0)) {
                return appointment(appointmentId); // cancelled or completed meanwhile: say what it is now
            }
            throw e;
        }
        return appointment(appointmentId);
    }

    // ------------------------------------------------------------------ at the site

    /** Who is in front of the vaccinator: their appointment here (or null: a walk-in), identity and health. */
    public record CheckIn(String appointmentId, Integer doseNumber, Holder holder, HealthView health) {
    }

    /** The person, as the registry knows them: what the vaccinator needs to record the dose. */
    public record Holder(String citizenId, String fullName, String dateOfBirth, String gender) {
    }

    /**
     * {@code POST /v1/vaccination-sites/{siteId}/check-ins} {@code {code}}: a vaccinator of the site scans the
     * chip-ID card's QR or the appointment's ({@code MPA1:<id>}). Audited as a look-up.
     */
    public CheckIn checkIn(Principal by, String siteId, String code) {
        Access.requireRole(by, Role.VACCINATOR, Role.HEALTH_OFFICIAL);
        Site site = requireSite(siteId);
        if (by.role() == Role.VACCINATOR && !siteId.equals(by.siteId())) {
            throw new ForbiddenException("this account works at another vaccination site");
        }
        if (by.role() == Role.HEALTH_OFFICIAL) {
            Access.requireProvince(by, site.provinceCode());
        }
        String citizenId;
        Map<String, AttributeValue> appointment = null;
        if (code != null && code.startsWith(QR_PREFIX)) {
            String id = code.substring(QR_PREFIX.length());
            if (!id.matches("[A-Za-z0-9_-]{22}")) {
                throw InvalidInputException.of("code", "UNREADABLE", "not an appointment's QR");
            }
            appointment = appointmentItem(id);
            if (!siteId.equals(appointment.get("siteId").s())) {
                throw new ConflictException("code", "OTHER_SITE", "this appointment is at another site");
            }
            citizenId = appointment.get("citizenId").s();
        } else {
            var card = ChipCardQr.parse(code);
            if (card.isEmpty()) {
                throw InvalidInputException.of("code", "UNREADABLE", "neither a chip-ID card's QR nor an appointment's");
            }
            citizenId = card.get().citizenId();
            Map<String, AttributeValue> lock = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(key("ACTIVE#" + card.get().citizenId(), "ACTIVE"))).item();
            if (lock != null && !lock.isEmpty() && siteId.equals(lock.get("siteId").s())) {
                appointment = appointmentItem(lock.get("appointmentId").s());
            }
        }
        ResidentItem resident = residents.getItem(Key.builder().partitionValue(citizenId).build());
        if (resident == null) {
            throw new NotFoundException("no such citizen in the registry");
        }
        audit.record(by, "VACCINATION_CHECK_IN", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        boolean booked = appointment != null && "BOOKED".equals(status(appointment));
        Holder holder = new Holder(citizenId, resident.fullName(), resident.dateOfBirth(), resident.gender());
        HealthView view = HealthView.of(Health.of(healthOf(citizenId), clock.instant()));
        return new CheckIn(booked ? appointment.get("appointmentId").s() : null,
                booked ? Integer.parseInt(appointment.get("doseNumber").n()) : null, holder, view);
    }

    // ------------------------------------------------------------------ items

    /** The resident's health snapshot: one consistent GetItem of their status (read only: bookings never change it). */
    private HealthSnapshot healthOf(String citizenId) {
        var item = dynamo.getItem(b -> b.tableName(healthTable).key(HealthStore.key(citizenId)).consistentRead(true)).item();
        return HealthStore.status(citizenId, item).snapshot();
    }

    private Site requireSite(String siteId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key("SITE#" + siteId, "SITE"))).item();
        if (item == null || item.isEmpty()) {
            throw new NotFoundException("no such vaccination site");
        }
        return site(item);
    }

    private static Site site(Map<String, AttributeValue> item) {
        return new Site(item.get("siteId").s(), item.get("name").s(), item.get("wardCode").s(), item.get("provinceCode").s(),
                item.get("address").s(), Integer.parseInt(item.get("slotMinutes").n()),
                Integer.parseInt(item.get("capacityPerSlot").n()), LocalTime.parse(item.get("opens").s()),
                LocalTime.parse(item.get("closes").s()));
    }

    private Map<String, AttributeValue> appointmentItem(String appointmentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("APPT#" + appointmentId, "APPT"))).item();
        if (item == null || item.isEmpty() || !item.containsKey("citizenId")) {
            throw new NotFoundException("no such appointment");
        }
        return item;
    }

    /** The stored status, with BOOKED read as MISSED once its slot passed by more than the site's hours. */
    private String status(Map<String, AttributeValue> item) {
        String status = item.get("status").s();
        if ("BOOKED".equals(status) && !clock.instant().isBefore(Instant.parse(item.get("missedAt").s()))) {
            return "MISSED";
        }
        return status;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, boolean fresh) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (fresh) {
            p.conditionExpression("attribute_not_exists(pk)");
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    static Map<String, AttributeValue> slotKey(String siteId, Instant start) {
        return key("SLOT#" + siteId + "#" + Times.iso(start), "SLOT");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
