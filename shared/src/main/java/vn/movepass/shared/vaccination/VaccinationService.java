package vn.movepass.shared.vaccination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.campaign.Appointments;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.declaration.RegistryCheck;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthChange;
import vn.movepass.shared.health.HealthEventType;
import vn.movepass.shared.health.HealthRules;
import vn.movepass.shared.health.HealthService;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.health.Vaccination;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * {@code POST /v1/vaccinations}: a vaccinator of the dose's site, or a health official (of the resident's province, or
 * national), records a dose. The identity is checked against the registry as a declaration's is (a mismatch is 400
 * with the declaration's reason codes); the dose must be the resident's next one and not before the last product's
 * minimum interval. One transaction writes the dose record ({@code DOSE#nn}, conditional: one per number), its
 * history event (type DOSE), the status with the new vaccination summary and the report's {@code dosesGiven}; the
 * summary is then copied onto the resident's live passes ({@link HealthStore}). The same dose again answers the same
 * id; another dose under a recorded number is 409. The citizen's booked appointment at the site is then COMPLETED.
 */
public final class VaccinationService {
    static final String DOSE = "DOSE#";

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<ResidentItem> residents;
    private final HealthStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final Appointments appointments;

    public VaccinationService(DynamoDbClient dynamo, DynamoDbTable<ResidentItem> residents, HealthStore store, AuditLog audit,
                              Clock clock, IdSource ids, Duration retention, Appointments appointments) {
        this.dynamo = dynamo;
        this.residents = residents;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.appointments = appointments;
    }

    public static VaccinationService create(Platform p) {
        return new VaccinationService(p.dynamo(), Tables.residents(p), HealthStore.create(p), AuditLog.create(p), p.clock(),
                p.ids(), p.environment().duration(EnvKey.HEALTH_RETENTION_DAYS), Appointments.create(p));
    }

    /** The answer: the dose's id and the resident's health after it; {@code repeated} when it was recorded before. */
    public record Recorded(String vaccinationId, HealthView health, boolean repeated) {
    }

    /** Records the dose; the answer shows the resident's health, so it is audited as a look-up (a refusal is not). */
    public Recorded record(Principal by, DoseRequest dose) {
        Recorded recorded = recordUnaudited(by, dose);
        // the citizen's appointment at this site is done (a repeat heals a first attempt that stopped before it)
        // and, when the series needs another dose, its reminder to the booking's phone on the day it may be given
        Appointments.Next next = dose.doseNumber() < dose.product().primaryDoses()
                ? new Appointments.Next(dose.doseNumber() + 1, dose.product(),
                        Times.vietnamDate(dose.administeredAt()).plus(dose.product().minimumInterval()))
                : null;
        appointments.complete(dose.citizenId(), dose.siteId(), recorded.vaccinationId(), next);
        audit.record(by, "VACCINATION", "citizen:" + CitizenId.mask(dose.citizenId()), List.of(dose.citizenId()));
        return recorded;
    }

    private Recorded recordUnaudited(Principal by, DoseRequest dose) {
        Access.requireRole(by, Role.VACCINATOR, Role.HEALTH_OFFICIAL);
        if (by.role() == Role.VACCINATOR && !dose.siteId().equals(by.siteId())) {
            throw new ForbiddenException("this account records doses at its own vaccination site only");
        }
        ResidentItem resident = residents.getItem(Key.builder().partitionValue(dose.citizenId()).build());
        if (by.role() == Role.HEALTH_OFFICIAL && resident != null) {
            Access.requireProvince(by, province(resident.currentWardCode()));
        }
        List<RejectionReason> reasons = RegistryCheck.reasons(dose.citizenId(), dose.fullName(), dose.dateOfBirth(), null,
                resident);
        if (!reasons.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (RejectionReason r : reasons) {
                errors.add(new FieldError(field(r), r.name(), "the population registry disagrees: " + r.name()));
            }
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        Recorded earlier = earlier(dose, now);
        if (earlier != null) {
            return earlier;
        }
        String vaccinationId = ids.newId();
        LocalDate day = Times.vietnamDate(dose.administeredAt());
        HealthStore.Resident who = new HealthStore.Resident(dose.citizenId(), resident.currentWardCode(), resident.fullName());
        try {
            HealthStore.Applied applied = store.change(who, status -> {
                Vaccination v = status.snapshot().vaccination();
                if (dose.doseNumber() <= v.doses()) {
                    throw new DoseTaken();
                }
                if (dose.doseNumber() > v.doses() + 1) {
                    throw InvalidInputException.of("doseNumber", "OUT_OF_ORDER", "this resident's next dose is dose "
                            + (v.doses() + 1));
                }
                LocalDate from = v.nextDoseFrom();
                if (from != null && day.isBefore(from)) {
                    throw InvalidInputException.of("administeredAt", "TOO_EARLY", "the next dose may be given from " + from);
                }
                HealthSnapshot after = status.snapshot().withVaccination(v.withDose(dose.product(), day));
                List<TransactWriteItem> items = List.of(doseItem(vaccinationId, dose, by, resident.currentWardCode(), now),
                        eventItem(vaccinationId, dose, by, resident.currentWardCode(), now),
                        appointments.given(dose.siteId(), dose.product()));
                return new HealthStore.Plan(new HealthRules.Result(after, HealthRules.Outcome.CHANGED), items, day);
            }, now);
            return new Recorded(vaccinationId, HealthView.of(Health.of(applied.after(), now)), false);
        } catch (DoseTaken e) {
            return repeatOrConflict(dose, now);
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return repeatOrConflict(dose, now);
            }
            throw e;
        }
    }

    /** A dose under this number recorded by a concurrent request: the same dose answers its id, another is 409. */
    private Recorded repeatOrConflict(DoseRequest dose, Instant now) {
        Recorded earlier = earlier(dose, now);
        if (earlier == null) {
            throw new IllegalStateException("dose " + dose.doseNumber() + " is counted but has no record");
        }
        return earlier;
    }

    /** The stored dose under this number: the same → its answer; another → 409; none → null. */
    private Recorded earlier(DoseRequest dose, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(store.table()).consistentRead(true)
                .key(doseKey(dose.citizenId(), dose.doseNumber()))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        boolean same = dose.sameDose(VaccineProduct.valueOf(item.get("product").s()), item.get("administeredAt").s(),
                item.get("lot").s(), item.get("siteId").s());
        if (!same) {
            throw new ConflictException("doseNumber", "DOSE_RECORDED", "dose " + dose.doseNumber()
                    + " of this resident is already recorded with other data");
        }
        store.recopy(dose.citizenId(), now); // heals a first attempt that failed after its commit, before its pass copies
        HealthSnapshot current = store.read(dose.citizenId()).snapshot();
        return new Recorded(item.get("vaccinationId").s(), HealthView.of(Health.of(current, now)), true);
    }

    private static Map<String, AttributeValue> doseKey(String citizenId, int doseNumber) {
        return Map.of("pk", AttributeValue.fromS(citizenId), "sk", AttributeValue.fromS(String.format("%s%02d", DOSE, doseNumber)));
    }

    private TransactWriteItem doseItem(String vaccinationId, DoseRequest dose, Principal by, String ward, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(doseKey(dose.citizenId(), dose.doseNumber()));
        item.put("vaccinationId", AttributeValue.fromS(vaccinationId));
        item.put("product", AttributeValue.fromS(dose.product().name()));
        item.put("doseNumber", AttributeValue.fromN(Integer.toString(dose.doseNumber())));
        item.put("administeredAt", AttributeValue.fromS(Times.iso(dose.administeredAt())));
        item.put("lot", AttributeValue.fromS(dose.lot()));
        item.put("siteId", AttributeValue.fromS(dose.siteId()));
        item.put("byRole", AttributeValue.fromS(by.role().name()));
        item.put("bySub", AttributeValue.fromS(by.subject()));
        item.put("recordedAt", AttributeValue.fromS(Times.iso(now)));
        if (ward != null) {
            item.put("countedWard", AttributeValue.fromS(ward));
        }
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The dose in the resident's history (and the analysts' export of doses): an EVENT item of type DOSE. */
    private TransactWriteItem eventItem(String vaccinationId, DoseRequest dose, Principal by, String ward, Instant now) {
        HealthChange change = new HealthChange(HealthEventType.DOSE, dose.administeredAt(), null, null, null, null, null,
                null, null, null);
        Map<String, AttributeValue> item = new HashMap<>(HealthService.eventAttributes(dose.citizenId(), vaccinationId, change,
                by.role().name(), by.subject(), ward, now, retention));
        ObjectNode detail = Json.object().put("product", dose.product().name()).put("doseNumber", dose.doseNumber())
                .put("lot", dose.lot()).put("siteId", dose.siteId());
        item.put("detail", AttributeValue.fromS(Json.write(detail)));
        return TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(item).build()).build();
    }

    private static String field(RejectionReason r) {
        return switch (r) {
            case NAME_MISMATCH -> "fullName";
            case DOB_MISMATCH -> "dateOfBirth";
            default -> "citizenId";
        };
    }

    private static String province(String ward) {
        return ward == null ? null : AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse(null);
    }

    /** The resident's status already counts a dose under this number: a concurrent request recorded it. */
    private static final class DoseTaken extends RuntimeException {
        DoseTaken() {
            super(null, null, false, false);
        }
    }
}
