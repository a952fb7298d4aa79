package vn.movepass.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.registry.RegistryCsv;

class SyntheticRegistryTest {

    private static final int COUNT = 10_000;
    private static final long SEED = 20210901L;
    private static final AdministrativeUnits UNITS = AdministrativeUnits.get();
    private static String csv;
    private static final List<Resident> residents = new ArrayList<>();
    private static final List<String> rejected = new ArrayList<>();

    @BeforeAll
    static void generateAndReadBack() {
        StringWriter out = new StringWriter();
        SyntheticRegistry.writeCsv(COUNT, SEED, out);
        csv = out.toString();
        long rows = RegistryCsv.read(new StringReader(csv), UNITS, new RegistryCsv.Sink() {
            @Override
            public void accept(Resident resident) {
                residents.add(resident);
            }

            @Override
            public void reject(long line, String reason) {
                rejected.add(line + ": " + reason);
            }
        });
        assertEquals(COUNT, rows);
    }

    @Test
    void everyGeneratedRowPassesTheRegistryReader() {
        assertEquals(List.of(), rejected);
        assertEquals(COUNT, residents.size());
    }

    @Test
    void everyIdIsConsistentWithDateOfBirthAndGender() {
        for (Resident resident : residents) {
            assertTrue(CitizenId.consistentWith(resident.citizenId(), resident.dateOfBirth(), resident.gender()),
                    resident.toString());
        }
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (Resident resident : residents) {
            assertTrue(ids.add(resident.citizenId()), "duplicate " + resident.citizenId());
        }
    }

    @Test
    void idsAreUniqueAcrossALargerRunWithinOneProvinceYearAndGender() {
        SyntheticRegistry registry = new SyntheticRegistry(1, UNITS);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.add(registry.next().citizenId()));
        }
    }

    @Test
    void nguyenIsAboutThirtyEightPercent() {
        double share = share(r -> r.fullName().startsWith("Nguyễn "));
        assertTrue(share >= 0.34 && share <= 0.42, "Nguyễn share " + share);
        double tran = share(r -> r.fullName().startsWith("Trần "));
        assertTrue(tran >= 0.09 && tran <= 0.13, "Trần share " + tran);
    }

    @Test
    void namesLookVietnameseAndGenderAppropriate() {
        Set<String> maleGiven = new HashSet<>();
        Set<String> femaleGiven = new HashSet<>();
        for (Resident resident : residents) {
            String name = resident.fullName();
            assertTrue(Normalizer.isNormalized(name, Normalizer.Form.NFC), name);
            String[] parts = name.split(" ");
            assertEquals(3, parts.length, name);
            if (resident.gender() == Gender.MALE) {
                assertNotEquals("Thị", parts[1], name);
                maleGiven.add(parts[2]);
            } else {
                assertNotEquals("Văn", parts[1], name);
                femaleGiven.add(parts[2]);
            }
        }
        assertTrue(maleGiven.size() >= 40, maleGiven.toString());
        assertTrue(femaleGiven.size() >= 40, femaleGiven.toString());
        double women = share(r -> r.gender() == Gender.FEMALE);
        assertTrue(women > 0.47 && women < 0.53, "female share " + women);
    }

    @Test
    void birthDatesSpan1935To2015WithMorePeopleOfWorkingAge() {
        LocalDate first = LocalDate.of(1935, 1, 1);
        LocalDate last = LocalDate.of(2015, 12, 31);
        for (Resident resident : residents) {
            assertTrue(!resident.dateOfBirth().isBefore(first) && !resident.dateOfBirth().isAfter(last));
        }
        double before1950 = share(r -> r.dateOfBirth().getYear() < 1950);
        double from1980To1994 = share(r -> r.dateOfBirth().getYear() >= 1980 && r.dateOfBirth().getYear() < 1995);
        assertTrue(before1950 > 0.01 && before1950 < 0.08, "born before 1950: " + before1950);
        assertTrue(from1980To1994 > 0.2 && from1980To1994 < 0.3, "born 1980-1994: " + from1980To1994);
    }

    @Test
    void mostResidentsLiveInHoChiMinhCityOrHanoi() {
        double hcmc = share(r -> UNITS.ward(r.currentWardCode()).orElseThrow().provinceCode().equals("79"));
        double hanoi = share(r -> UNITS.ward(r.currentWardCode()).orElseThrow().provinceCode().equals("01"));
        assertTrue(hcmc > 0.57 && hcmc < 0.66, "HCMC " + hcmc);
        assertTrue(hanoi > 0.22 && hanoi < 0.30, "Hà Nội " + hanoi);
        double bornWhereRegistered = share(r ->
                r.citizenId().substring(1, 3).equals(UNITS.ward(r.permanentWardCode()).orElseThrow().provinceCode()));
        assertTrue(bornWhereRegistered > 0.8, "id province = permanent province: " + bornWhereRegistered);
    }

    @Test
    void addressesLookLikeStreetAddresses() {
        for (Resident resident : residents) {
            assertTrue(resident.currentAddress().matches("(Số )?\\d+(/\\d+)?( ngõ \\d+)? \\p{L}.*"
                    + "|(Tổ \\d+, )?[Tt]hôn \\d+|(Tổ \\d+, )?[Xx]óm \\d+|(Tổ \\d+, )?[Ấấ]p \\d+"),
                    resident.currentAddress());
        }
        assertTrue(csv.contains("\"Tổ "), "some addresses contain commas and are quoted");
    }

    @Test
    void aboutHalfAPercentHaveDied() {
        double dead = share(r -> r.dateOfDeath() != null);
        assertTrue(dead > 0.002 && dead < 0.01, "deceased share " + dead);
        for (Resident resident : residents) {
            if (resident.dateOfDeath() != null) {
                assertTrue(!resident.dateOfDeath().isBefore(resident.dateOfBirth()));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameOutputAndAnotherSeedDoesNot() {
        assertEquals(csv, generate(COUNT, SEED));
        assertNotEquals(csv, generate(COUNT, SEED + 1));
        SyntheticRegistry a = new SyntheticRegistry(7, UNITS);
        SyntheticRegistry b = new SyntheticRegistry(7, UNITS);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    private static String generate(long count, long seed) {
        StringWriter out = new StringWriter();
        SyntheticRegistry.writeCsv(count, seed, out);
        return out.toString();
    }

    private static double share(java.util.function.Predicate<Resident> test) {
        return residents.stream().filter(test).count() / (double) residents.size();
    }
}
