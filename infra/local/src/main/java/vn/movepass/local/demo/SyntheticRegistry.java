package vn.movepass.local.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.District;
import vn.movepass.shared.geo.Province;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.registry.RegistryCsv;

/**
 * Deterministic generator of realistic, fictitious residents for tests, demos and load tests.
 *
 * <p>The same seed and unit data always give the same sequence. Citizen ids are consistent with the
 * generated date of birth and gender and unique within one generator (each id prefix — province,
 * gender/century, birth year — has its own counter, mapped to a serial by a bijection on 0..999999).
 * About 60 % of residents live in Ho Chi Minh City (province 79), 25 % in Hà Nội (01), the rest in any
 * ward; about 0.5 % have a date of death. Not thread-safe.
 */
public final class SyntheticRegistry {

    /**
     * Surname shares in per mille. Source of the 14 leading figures: the widely quoted estimates of the
     * share of the population bearing each surname, as tabulated in the English Wikipedia article
     * "Vietnamese name" (section "Family name"); they are approximations, not census counts. The
     * combined Hoàng/Huỳnh and Vũ/Võ figures are split between the northern and southern spellings by
     * us. The remaining 11.3 % is spread over 20 other common surnames with rough weights of our own.
     */
    private static final Weighted<String> SURNAMES = new Weighted<String>()
            .add("Nguyễn", 380).add("Trần", 110).add("Lê", 95).add("Phạm", 71)
            .add("Hoàng", 30).add("Huỳnh", 21).add("Phan", 45).add("Vũ", 20).add("Võ", 19)
            .add("Đặng", 21).add("Bùi", 20).add("Đỗ", 14).add("Hồ", 13).add("Ngô", 13)
            .add("Dương", 10).add("Lý", 5)
            .add("Trương", 10).add("Đinh", 8).add("Lâm", 7).add("Mai", 7).add("Trịnh", 7)
            .add("Đoàn", 7).add("Lương", 6).add("Hà", 6).add("Cao", 6).add("Tô", 5)
            .add("Tạ", 5).add("Lưu", 5).add("Châu", 5).add("Thái", 5).add("Đào", 5)
            .add("Kiều", 4).add("Vương", 4).add("La", 4).add("Phùng", 4).add("Triệu", 4);

    private static final String[] MALE_MIDDLE = {
        "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Quang", "Xuân", "Đình", "Ngọc",
        "Anh", "Gia", "Hoàng", "Tuấn", "Trọng", "Thanh", "Bảo", "Trung",
    };
    private static final String[] FEMALE_MIDDLE = {
        "Ngọc", "Thu", "Thanh", "Mai", "Kim", "Thùy", "Bích", "Phương", "Hồng", "Khánh",
        "Bảo", "Diệu", "Hoài", "Minh", "Cẩm", "Quỳnh", "Thảo", "Hải",
    };
    private static final String[] MALE_GIVEN = {
        "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Định", "Đông",
        "Giang", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khang",
        "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Luân", "Minh", "Nam", "Nghĩa",
        "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng",
        "Thành", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
    };
    private static final String[] FEMALE_GIVEN = {
        "An", "Anh", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
        "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan",
        "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Nhi", "Oanh", "Phương", "Quyên",
        "Quỳnh", "Tâm", "Thảo", "Thủy", "Thư", "Trang", "Trâm", "Tuyết", "Uyên", "Vân",
        "Vy", "Yến",
    };

    /**
     * Five-year birth cohorts, weighted to follow roughly the shape of Vietnam's population pyramid
     * (2019 census, aged to 2021); rounded figures, not official statistics. The first cohort spans
     * 1935–1940.
     */
    private static final Weighted<Integer> BIRTH_COHORT_START = new Weighted<Integer>()
            .add(1935, 16).add(1941, 15).add(1946, 23).add(1951, 35).add(1956, 46)
            .add(1961, 53).add(1966, 60).add(1971, 66).add(1976, 72).add(1981, 77)
            .add(1986, 80).add(1991, 76).add(1996, 66).add(2001, 64).add(2006, 72).add(2011, 80);

    private static final String[] HCMC_STREETS = {
        "Lê Lợi", "Nguyễn Huệ", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Tần",
        "Nguyễn Thị Minh Khai", "Lê Văn Sỹ", "Nguyễn Đình Chiểu", "Hai Bà Trưng", "Pasteur",
        "Trần Hưng Đạo", "Nguyễn Trãi", "Lý Thường Kiệt", "Phan Xích Long", "Hoàng Văn Thụ",
        "Nguyễn Văn Trỗi", "Xô Viết Nghệ Tĩnh", "Quang Trung", "Phạm Văn Đồng", "Kha Vạn Cân",
        "Âu Cơ", "Lạc Long Quân", "Tân Kỳ Tân Quý", "Huỳnh Tấn Phát", "Nguyễn Văn Linh",
    };
    private static final String[] HANOI_STREETS = {
        "Kim Mã", "Chùa Bộc", "Xã Đàn", "Tây Sơn", "Giải Phóng", "Láng", "Nguyễn Trãi",
        "Trần Duy Hưng", "Hoàng Quốc Việt", "Cầu Giấy", "Đội Cấn", "Hàng Bạc", "Bà Triệu",
        "Phố Huế", "Lò Đúc", "Minh Khai", "Kim Ngưu", "Trường Chinh", "Thái Hà",
        "Nguyễn Chí Thanh", "Lạc Long Quân", "Âu Cơ", "Nghi Tàm", "Hoàng Hoa Thám", "Văn Cao",
    };
    private static final String[] TOWN_STREETS = {
        "Lê Lợi", "Trần Hưng Đạo", "Hùng Vương", "Quang Trung", "Nguyễn Trãi", "Lý Thường Kiệt",
        "Trần Phú", "Hai Bà Trưng", "Nguyễn Huệ", "Lê Duẩn", "Ngô Quyền", "Phan Đình Phùng",
        "Hoàng Diệu", "Bà Triệu", "Nguyễn Du", "Lê Hồng Phong", "Trần Quang Khải", "Lê Thánh Tông",
    };

    private static final String HCMC = "79";
    private static final String HANOI = "01";
    /** Provinces with a GSO code of 70 or more are in the south, where hamlets are called "ấp". */
    private static final int FIRST_SOUTHERN_PROVINCE = 70;
    private static final LocalDate FIRST_DEATH = LocalDate.of(2016, 1, 1);
    private static final LocalDate LAST_DEATH = LocalDate.of(2021, 10, 31);
    private static final int SERIALS = 1_000_000;
    /** Multiplier coprime with 10^6, so that {@code n -> (n * M + offset) mod 10^6} is a bijection. */
    private static final long SERIAL_MULTIPLIER = 738_181L;

    private final SplittableRandom random;
    /** Draws only the temporary residences, so that adding them left every other generated value as it was. */
    private final SplittableRandom temporaryRandom;
    private final long seed;
    private final List<Province> provinces;
    private final List<Ward> allWards;
    private final List<Ward> hcmcWards;
    private final List<Ward> hanoiWards;
    private final Map<String, int[]> issuedPerPrefix = new HashMap<>();

    /**
     * Creates a generator.
     *
     * @param seed  random seed; the same seed gives the same residents
     * @param units administrative units to draw ward codes from
     */
    public SyntheticRegistry(long seed, AdministrativeUnits units) {
        Objects.requireNonNull(units, "units");
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.temporaryRandom = new SplittableRandom(mix(seed ^ 0x7e3a_5b1dL));
        this.provinces = List.copyOf(units.provinces());
        this.hcmcWards = wardsOf(units, List.of(units.province(HCMC).orElseThrow()));
        this.hanoiWards = wardsOf(units, List.of(units.province(HANOI).orElseThrow()));
        this.allWards = wardsOf(units, provinces);
    }

    /**
     * Writes {@code count} generated residents as a registry CSV (header included) to {@code out}, using
     * {@link AdministrativeUnits#get()}. {@code out} is flushed but not closed.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void writeCsv(long count, long seed, Writer out) {
        SyntheticRegistry registry = new SyntheticRegistry(seed, AdministrativeUnits.get());
        BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
        RegistryCsv.writeHeader(buffered);
        for (long i = 0; i < count; i++) {
            RegistryCsv.write(buffered, registry.next());
        }
        try {
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generates the next resident. */
    public Resident next() {
        Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        LocalDate dateOfBirth = dateOfBirth();
        String fullName = fullName(gender, dateOfBirth.getYear());

        Ward current = currentWard();
        String currentAddress = address(current);
        boolean registeredElsewhere = random.nextInt(100) < 20;
        Ward permanent = registeredElsewhere ? pick(allWards) : current;
        String permanentAddress = registeredElsewhere ? address(permanent) : currentAddress;

        String birthProvince = random.nextInt(100) < 85 ? permanent.provinceCode() : pick(provinces).code();
        String citizenId = uniqueId(birthProvince, dateOfBirth, gender);
        LocalDate dateOfDeath = dateOfDeath(dateOfBirth);
        // about 70 % of those living away from their permanent residence registered a temporary one (tạm trú) there
        boolean temporary = registeredElsewhere && !permanent.equals(current) && temporaryRandom.nextInt(100) < 70;
        return new Resident(citizenId, fullName, dateOfBirth, gender, permanent.code(), permanentAddress,
                current.code(), currentAddress, dateOfDeath, temporary ? current.code() : null,
                temporary ? currentAddress : null);
    }

    private LocalDate dateOfBirth() {
        int startYear = BIRTH_COHORT_START.pick(random);
        int endYear = startYear == 1935 ? 1940 : startYear + 4;
        long first = LocalDate.of(startYear, 1, 1).toEpochDay();
        long last = LocalDate.of(endYear, 12, 31).toEpochDay();
        return LocalDate.ofEpochDay(random.nextLong(first, last + 1));
    }

    private String fullName(Gender gender, int birthYear) {
        boolean male = gender == Gender.MALE;
        // Văn / Thị were the default middle names for older generations and are less common today.
        int traditionalPercent = birthYear < 1975 ? 60 : 30;
        String middle = random.nextInt(100) < traditionalPercent
                ? (male ? "Văn" : "Thị")
                : pick(male ? MALE_MIDDLE : FEMALE_MIDDLE);
        String given = pick(male ? MALE_GIVEN : FEMALE_GIVEN);
        while (given.equals(middle)) {
            given = pick(male ? MALE_GIVEN : FEMALE_GIVEN);
        }
        return SURNAMES.pick(random) + " " + middle + " " + given;
    }

    private Ward currentWard() {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return pick(hcmcWards);
        }
        return roll < 85 ? pick(hanoiWards) : pick(allWards);
    }

    private String address(Ward ward) {
        int house = 1 + random.nextInt(random.nextInt(10) < 8 ? 150 : 600);
        switch (ward.provinceCode()) {
            case HCMC:
                return random.nextInt(3) == 0
                        ? house + "/" + (1 + random.nextInt(40)) + " " + pick(HCMC_STREETS)
                        : house + " " + pick(HCMC_STREETS);
            case HANOI:
                return random.nextInt(2) == 0
                        ? "Số " + house + " ngõ " + (1 + random.nextInt(200)) + " " + pick(HANOI_STREETS)
                        : "Số " + house + " " + pick(HANOI_STREETS);
            default:
                return ward.nameWithType().startsWith("Xã ") ? ruralAddress(ward) : house + " " + pick(TOWN_STREETS);
        }
    }

    private String ruralAddress(Ward ward) {
        boolean south = Integer.parseInt(ward.provinceCode()) >= FIRST_SOUTHERN_PROVINCE;
        String hamlet = (south ? "ấp " : random.nextBoolean() ? "thôn " : "xóm ") + (1 + random.nextInt(12));
        return random.nextInt(3) == 0 ? "Tổ " + (1 + random.nextInt(15)) + ", " + hamlet : capitalize(hamlet);
    }

    private LocalDate dateOfDeath(LocalDate dateOfBirth) {
        int perTenThousand = dateOfBirth.getYear() < 1960 ? 250 : 15;
        if (random.nextInt(10_000) >= perTenThousand) {
            return null;
        }
        long first = Math.max(FIRST_DEATH.toEpochDay(), dateOfBirth.toEpochDay());
        return LocalDate.ofEpochDay(random.nextLong(first, LAST_DEATH.toEpochDay() + 1));
    }

    private String uniqueId(String provinceCode, LocalDate dateOfBirth, Gender gender) {
        String prefix = CitizenId.compose(provinceCode, dateOfBirth, gender, 0).substring(0, 6);
        int[] issued = issuedPerPrefix.computeIfAbsent(prefix, key -> new int[1]);
        if (issued[0] == SERIALS) {
            throw new IllegalStateException("all serials used for id prefix " + prefix);
        }
        long offset = Math.floorMod(mix(seed ^ prefix.hashCode()), SERIALS);
        int serial = (int) ((issued[0]++ * SERIAL_MULTIPLIER + offset) % SERIALS);
        return CitizenId.compose(provinceCode, dateOfBirth, gender, serial);
    }

    /** SplitMix64 finaliser: spreads the bits of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<Ward> wardsOf(AdministrativeUnits units, List<Province> provinces) {
        List<Ward> wards = new ArrayList<>();
        for (Province province : provinces) {
            for (District district : units.districtsOf(province.code())) {
                wards.addAll(units.wardsOf(district.code()));
            }
        }
        return List.copyOf(wards);
    }

    /** Values drawn with integer weights. */
    private static final class Weighted<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Integer> cumulative = new ArrayList<>();
        private int total;

        Weighted<T> add(T value, int weight) {
            total += weight;
            values.add(value);
            cumulative.add(total);
            return this;
        }

        T pick(SplittableRandom random) {
            int roll = random.nextInt(total);
            for (int i = 0; i < values.size(); i++) {
                if (roll < cumulative.get(i)) {
                    return values.get(i);
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }
}
