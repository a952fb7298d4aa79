package vn.movepass.shared.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdministrativeUnitsTest {

    private final AdministrativeUnits units = AdministrativeUnits.get();

    @Test
    void countsMatchTheGso2021Snapshot() {
        assertEquals(63, units.provinceCount());
        assertEquals(705, units.districtCount());
        assertEquals(10_599, units.wardCount());
        assertEquals(63, units.provinces().size());
    }

    @Test
    void loadedOnlyOnce() {
        assertSame(units, AdministrativeUnits.get());
    }

    @Test
    void phucXaIsInBaDinhHaNoi() {
        Ward ward = units.ward("00001").orElseThrow();
        assertEquals(new Ward("00001", "Phúc Xá", "Phường Phúc Xá", "001", "01"), ward);
        assertEquals("Ba Đình", units.district(ward.districtCode()).orElseThrow().name());
        assertEquals(new Province("01", "Hà Nội", "Thành phố Hà Nội"), units.province(ward.provinceCode()).orElseThrow());
    }

    @Test
    void tanDinhIsInDistrict1OfHoChiMinhCity() {
        Ward ward = units.ward("26734").orElseThrow();
        assertEquals("79", ward.provinceCode());
        assertEquals("Phường Tân Định", ward.nameWithType());
        assertEquals(new District("760", "1", "Quận 1", "79"), units.district("760").orElseThrow());
        assertEquals("Thành phố Hồ Chí Minh", units.province("79").orElseThrow().nameWithType());
    }

    @Test
    void lookupsOfUnknownCodesAreEmpty() {
        assertEquals(Optional.empty(), units.ward("99999"));
        assertEquals(Optional.empty(), units.ward(null));
        assertEquals(Optional.empty(), units.district("001 "));
        assertEquals(Optional.empty(), units.province("1"));
        assertFalse(units.isWard("1"));
        assertFalse(units.isWard("001"), "a district code is not a ward code");
        assertFalse(units.isWard(null));
        assertTrue(units.isWard("26734"));
        assertEquals(List.of(), units.districtsOf("00"));
        assertEquals(List.of(), units.wardsOf(null));
    }

    @Test
    void islandDistrictsHaveNoWards() {
        for (String code : List.of("318", "471", "498", "536", "755")) {
            assertTrue(units.district(code).isPresent(), code);
            assertEquals(List.of(), units.wardsOf(code), code);
        }
        long districtsWithWards = units.provinces().stream()
                .flatMap(p -> units.districtsOf(p.code()).stream())
                .filter(d -> !units.wardsOf(d.code()).isEmpty())
                .count();
        assertEquals(700, districtsWithWards);
    }

    @Test
    void treeIsConsistentAndSorted() {
        Set<String> wardCodes = new HashSet<>();
        int districts = 0;
        String previousProvince = "";
        for (Province province : units.provinces()) {
            assertTrue(province.code().compareTo(previousProvince) > 0, "sorted provinces");
            previousProvince = province.code();
            for (District district : units.districtsOf(province.code())) {
                districts++;
                assertEquals(province.code(), district.provinceCode());
                assertEquals(3, district.code().length());
                for (Ward ward : units.wardsOf(district.code())) {
                    assertEquals(5, ward.code().length());
                    assertEquals(district.code(), ward.districtCode());
                    assertEquals(province.code(), ward.provinceCode());
                    assertTrue(Normalizer.isNormalized(ward.nameWithType(), Normalizer.Form.NFC));
                    assertEquals(ward.nameWithType().strip(), ward.nameWithType());
                    assertTrue(ward.nameWithType().endsWith(ward.name()), ward.toString());
                    wardCodes.add(ward.code());
                }
            }
        }
        assertEquals(705, districts);
        assertEquals(10_599, wardCodes.size());
    }

    @Test
    void listsAreReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> units.provinces().clear());
        assertThrows(UnsupportedOperationException.class, () -> units.districtsOf("79").clear());
        assertThrows(UnsupportedOperationException.class, () -> units.wardsOf("760").clear());
    }

    @Test
    void jsonTreeHasEveryUnitWithCodesAndNames() throws Exception {
        String json = units.toJson();
        assertSame(json, units.toJson(), "cached");
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(63, tree.size());
        int districts = 0;
        int wards = 0;
        for (JsonNode province : tree) {
            assertEquals(Set.of("code", "name", "districts"), fieldNames(province));
            for (JsonNode district : province.get("districts")) {
                districts++;
                assertEquals(Set.of("code", "name", "wards"), fieldNames(district));
                for (JsonNode ward : district.get("wards")) {
                    wards++;
                    assertEquals(Set.of("code", "name"), fieldNames(ward));
                }
            }
        }
        assertEquals(705, districts);
        assertEquals(10_599, wards);
        JsonNode hanoi = tree.get(0);
        assertEquals("01", hanoi.get("code").asText());
        assertEquals("Thành phố Hà Nội", hanoi.get("name").asText());
        JsonNode phucXa = hanoi.get("districts").get(0).get("wards").get(0);
        assertEquals("00001", phucXa.get("code").asText());
        assertEquals("Phường Phúc Xá", phucXa.get("name").asText());
        assertFalse(json.contains("\n"), "compact");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
