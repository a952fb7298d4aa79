package vn.movepass.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.gateway.LocalIssuer;
import vn.movepass.shared.admin.AdminService;
import vn.movepass.shared.admin.CheckpointParser;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.ResidentItem;

/**
 * {@code --demo}: a synthetic registry, a few real-ward checkpoints, and tokens to try them with. The benches start
 * from the same data ({@link #seed}) and declare with the same body as the tests ({@link #declaration}).
 */
public final class DemoData {
    /** What /health names while the demo data is loading. */
    public static final String PENDING = "demo data";
    static final long SEED = 2021_08_23L;
    static final int RESIDENTS = 10_000;

    /** Checkpoints in real wards (GSO codes) around Ho Chi Minh City, Bình Dương and Hà Nội. */
    static final List<Map<String, Object>> CHECKPOINTS = List.of(
            Map.of("checkpointId", "CP-HCM-001", "name", "Chốt Quốc lộ 1A – Tân Tạo A, Bình Tân", "wardCode", "27457",
                    "lat", 10.7520, "lon", 106.5920),
            Map.of("checkpointId", "CP-HCM-002", "name", "Chốt Tân Định, Quận 1", "wardCode", "26734",
                    "lat", 10.7905, "lon", 106.6903),
            Map.of("checkpointId", "CP-HCM-003", "name", "Chốt Quy Đức – giáp Long An, Bình Chánh", "wardCode", "27640",
                    "lat", 10.6406, "lon", 106.6433),
            Map.of("checkpointId", "CP-BDG-001", "name", "Chốt Phú Cường, Thủ Dầu Một", "wardCode", "25747",
                    "lat", 10.9804, "lon", 106.6519),
            Map.of("checkpointId", "CP-HNI-001", "name", "Chốt Phúc Xá, Ba Đình", "wardCode", "00001",
                    "lat", 21.0469, "lon", 105.8475));

    private DemoData() {
    }

    public static String load(LocalRuntime runtime) throws Exception {
        List<Resident> samples = seed(runtime);
        return describe(runtime, samples) + supportCases(runtime, samples) + vaccination(runtime, samples);
    }

    // ---- vaccination campaigns (issue 18)

    /**
     * Two vaccination sites of Ho Chi Minh City (one in Bến Nghé, one in the first sample's ward) with stock, and the
     * first samples vaccinated at the first site: one with a first AstraZeneca dose four weeks ago (their second is due),
     * one with a first Pfizer dose today; tokens of the first site's vaccinator.
     */
    static String vaccination(LocalRuntime runtime, List<Resident> samples) {
        var platform = runtime.platform("VaccinationCampaignsFunction");
        var campaigns = vn.movepass.shared.campaign.CampaignService.create(platform);
        var official = new vn.movepass.shared.auth.Principal("health-79", vn.movepass.shared.auth.Role.HEALTH_OFFICIAL, null, null,
                "79", null, null, null);
        String otherWard = samples.isEmpty() ? "27457" : samples.get(0).currentWardCode();
        String[][] sites = {{"VX-Q1-BN", "Trạm y tế phường Bến Nghé", "26734", "4 Lê Lợi, Quận 1"},
            {"VX-79-2", "Điểm tiêm trường THCS", otherWard, "12 đường số 5"}};
        java.time.Instant now = runtime.clock().instant();
        for (String[] site : sites) {
            try {
                campaigns.createSite(official, new vn.movepass.shared.campaign.Site(site[0], site[1], site[2], "79", site[3], 15, 20,
                        java.time.LocalTime.of(7, 30), java.time.LocalTime.of(17, 0)));
                campaigns.deliver(official, site[0], new vn.movepass.shared.campaign.SiteParser.Delivery(
                        vn.movepass.shared.health.VaccineProduct.PFIZER, 500, now.minusSeconds(86_400), "FK" + site[0].hashCode() % 1000));
                campaigns.deliver(official, site[0], new vn.movepass.shared.campaign.SiteParser.Delivery(
                        vn.movepass.shared.health.VaccineProduct.AZ, 200, now.minusSeconds(86_400), "AZ" + site[0].hashCode() % 1000));
            } catch (ConflictException e) {
                // there from an earlier run on the same data directory
            }
        }
        var doses = vn.movepass.shared.vaccination.VaccinationService.create(runtime.platform("HealthFunction"));
        var vaccinator = new vn.movepass.shared.auth.Principal("vaccinator-bn", vn.movepass.shared.auth.Role.VACCINATOR, null, null,
                null, null, "VX-Q1-BN", null);
        StringBuilder vaccinated = new StringBuilder();
        for (int i = 1; i < Math.min(3, samples.size()); i++) {
            Resident r = samples.get(i);
            boolean az = i == 1;
            java.time.Instant at = az ? now.minus(java.time.Duration.ofDays(29)) : now.minusSeconds(3_600);
            doses.record(vaccinator, new vn.movepass.shared.vaccination.DoseRequest(r.citizenId(), r.fullName(), r.dateOfBirth(),
                    az ? vn.movepass.shared.health.VaccineProduct.AZ : vn.movepass.shared.health.VaccineProduct.PFIZER, 1, at,
                    az ? "AZ-DEMO" : "FK-DEMO", "VX-Q1-BN"));
            vaccinated.append(String.format("  %s %s: dose 1 %s%n", r.citizenId(), r.fullName(), az
                    ? "AstraZeneca 29 days ago (dose 2 may be booked now)" : "Pfizer today (dose 2 from 21 days on)"));
        }
        return String.format("%nVaccination: sites %s (ward 26734) and %s (ward %s), 500 Pfizer and 200 AstraZeneca each%n"
                + "  book at /vaccination/ (province 79) or POST /v1/vaccination-appointments; plan: GET /v1/vaccination-plans"
                + "?provinceCode=79; coverage: GET /v1/reports/vaccination?unit=province:79&date=<today>%n%s"
                + "  vaccinator at VX-Q1-BN (page /vaccinator/): %s%n", sites[0][0], sites[1][0], otherWard, vaccinated,
                runtime.issuer().mint("vaccinator-bn", Map.of("role", "VACCINATOR", "site_id", "VX-Q1-BN")));
    }

    // ---- policy support (issue 19)

    /**
     * A few policy-support cases in the first sample's ward (entered by its commune official, one of them paid), and a
     * token of that official; the synthetic registry already gives about one resident in ten a temporary residence.
     */
    static String supportCases(LocalRuntime runtime, List<Resident> samples) {
        if (samples.isEmpty()) {
            return "";
        }
        String ward = samples.get(0).currentWardCode();
        var platform = runtime.platform("SupportFunction");
        var support = vn.movepass.shared.support.SupportService.create(platform);
        var official = new vn.movepass.shared.auth.Principal("commune-" + ward, vn.movepass.shared.auth.Role.COMMUNE_OFFICIAL, null,
                ward, null);
        String[] policies = {"FREELANCE_WORKER", "HOUSEHOLD_BUSINESS", "TERMINATED_CONTRACT"};
        int entered = 0;
        for (Resident r : living(RESIDENTS)) {
            if (!ward.equals(r.currentWardCode()) || entered == policies.length) {
                continue;
            }
            var request = new vn.movepass.shared.support.SupportCaseRequest(r.citizenId(), r.fullName(), r.dateOfBirth(), r.gender(),
                    vn.movepass.shared.support.SupportPolicy.valueOf(policies[entered]),
                    ward.equals(r.permanentWardCode()) ? vn.movepass.shared.support.Residence.PERMANENT
                            : vn.movepass.shared.support.Residence.TEMPORARY, null, null, null);
            try {
                var created = support.create(official, ward, request);
                if (entered == 0) {
                    support.pay(official, created.supportCaseId(), new vn.movepass.shared.support.PaymentRequest(created.amountVnd(),
                            runtime.clock().instant().minusSeconds(3_600), vn.movepass.shared.support.PaymentMethod.CASH, null));
                }
            } catch (ConflictException e) {
                // entered by an earlier run on the same data directory
            }
            entered++;
        }
        return String.format("%nPolicy support: %d cases in ward %s (GET /v1/wards/%s/support-cases; page /support/)%n"
                + "  commune official %s: %s%n", entered, ward, ward, ward, runtime.issuer().mint("commune-" + ward,
                Map.of("role", "COMMUNE_OFFICIAL", "ward_code", ward)));
    }

    /** Writes the synthetic registry and the checkpoints; returns a few living residents of province 79. */
    public static List<Resident> seed(LocalRuntime runtime) throws Exception {
        AdminService admin = AdminService.create(runtime.platform("AdminFunction"));
        SyntheticRegistry registry = new SyntheticRegistry(SEED, AdministrativeUnits.get());
        List<Resident> samples = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        List<ResidentItem> items = new ArrayList<>(RESIDENTS);
        for (int i = 0; i < RESIDENTS; i++) {
            Resident r = registry.next();
            if (samples.size() < 5 && r.dateOfDeath() == null && "79".equals(provinceOf(r.currentWardCode()))) {
                samples.add(r);
            }
            items.add(AdminService.toItem(r));
        }
        // by ward, as a registry extract comes: the residents of a batch then share their adults counter items, so a
        // batch is one or two transactions rather than a dozen small ones
        items.sort(java.util.Comparator.comparing(ResidentItem::currentWardCode));
        for (int i = 0; i < items.size(); i += 25) {
            List<ResidentItem> batch = items.subList(i, Math.min(items.size(), i + 25));
            writes.add(writers.submit(() -> admin.writeBatch(batch)));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        writers.shutdown();
        for (Map<String, Object> checkpoint : CHECKPOINTS) {
            try {
                admin.createCheckpoint(new CheckpointParser(AdministrativeUnits.get()).parse(Json.mapper().valueToTree(checkpoint)));
            } catch (ConflictException e) {
                // already there from an earlier run
            }
        }
        return samples;
    }

    /** The first demo checkpoint's id (a ward of Bình Tân, Ho Chi Minh City). */
    /** The first {@code n} living residents of the demo registry, as {@link #seed} wrote them. */
    public static List<Resident> living(int n) {
        SyntheticRegistry registry = new SyntheticRegistry(SEED, AdministrativeUnits.get());
        List<Resident> out = new ArrayList<>();
        for (int i = 0; i < RESIDENTS && out.size() < n; i++) {
            Resident r = registry.next();
            if (r.dateOfDeath() == null) {
                out.add(r);
            }
        }
        return out;
    }

    public static String firstCheckpoint() {
        return (String) CHECKPOINTS.get(0).get("checkpointId");
    }

    /**
     * A declaration body like the example of API.md, for the given person, from ward 26734 (HCMC) to ward 00001 (Hà
     * Nội) by car, no symptoms, departing on {@code departure}.
     */
    public static ObjectNode declaration(String citizenId, String fullName, String dob, String gender, LocalDate departure) {
        ObjectNode d = Json.object();
        d.put("citizenId", citizenId).put("fullName", fullName).put("dateOfBirth", dob).put("gender", gender)
                .put("phone", "0901234567").putNull("email");
        d.putObject("residence").put("wardCode", "26734").put("address", "12 Lê Lợi");
        d.putObject("origin").put("wardCode", "26734").put("address", "12 Lê Lợi");
        d.putObject("destination").put("wardCode", "00001").put("address", "5 Phúc Xá");
        d.put("departureDate", departure.toString()).put("purpose", "WORK");
        d.putObject("vehicle").put("type", "CAR").put("plate", "51A-123.45");
        ObjectNode health = d.putObject("health");
        health.putArray("symptoms");
        health.put("contactWithCase", false).put("contactWithTraveller", false).put("contactWithSymptomatic", false)
                .put("visitedPlaces", "");
        d.put("consent", true);
        return d;
    }

    /** {@link #declaration} for a resident of the registry. */
    public static ObjectNode declaration(Resident r, LocalDate departure) {
        return declaration(r.citizenId(), r.fullName(), r.dateOfBirth().toString(), r.gender().name(), departure);
    }

    private static String provinceOf(String ward) {
        return AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse("");
    }

    private static String describe(LocalRuntime runtime, List<Resident> samples) {
        LocalIssuer issuer = runtime.issuer();
        StringBuilder out = new StringBuilder();
        out.append("\n=== MovePass demo data ===\n");
        out.append(String.format("%,d synthetic residents (seed %d), %d checkpoints.%n", RESIDENTS, SEED, CHECKPOINTS.size()));
        out.append("\nSample residents (declare as them; change the name to see a rejection):\n");
        for (Resident r : samples) {
            out.append(String.format("  %s  %-28s %s %-6s ward %s%n", r.citizenId(), r.fullName(), r.dateOfBirth(),
                    r.gender(), r.currentWardCode()));
        }
        out.append("\nCheckpoints:\n");
        for (Map<String, Object> c : CHECKPOINTS) {
            out.append(String.format("  %-11s %s (ward %s)%n", c.get("checkpointId"), c.get("name"), c.get("wardCode")));
        }
        out.append("\nDev tokens (12 h; more from POST /dev/tokens):\n");
        out.append("  officer at CP-HCM-001: ").append(issuer.mint("officer-hcm-001",
                Map.of("role", "CHECKPOINT_OFFICER", "checkpoint_id", "CP-HCM-001"))).append('\n');
        out.append("  admin:                 ").append(issuer.mint("admin-1", Map.of("role", "ADMIN"))).append('\n');
        out.append("  health official (79):  ").append(issuer.mint("health-79",
                Map.of("role", "HEALTH_OFFICIAL", "province_code", "79"))).append('\n');
        out.append("  ward police 26734:     ").append(issuer.mint("police-26734",
                Map.of("role", "WARD_POLICE", "ward_code", "26734"))).append('\n');
        return out.toString();
    }
}
