package vn.movepass.shared.support;

/**
 * The policies of Resolution 68/NQ-CP (1 July 2021) that pay individuals or households, as Decision 23/2021/QĐ-TTg
 * (7 July 2021, amended by Decision 33/2021/QĐ-TTg of 6 November 2021) implements them. Each has its titles, its amount
 * rule and legal basis, and what our data can check ({@link Check}); every other condition (employment, a suspended
 * contract, a business stopped) is attested by the commune official who enters the case. docs/support.md cites them.
 */
public enum SupportPolicy {
    SUSPENDED_CONTRACT("Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động, nghỉ việc không hưởng lương",
            "Workers whose labour contract is suspended, or on unpaid leave", Kind.FLAT, 3_710_000, 15, null,
            "Resolution 68/NQ-CP II.4; Decision 23/2021/QĐ-TTg ch. V (Art. 14–16), amended by 33/2021/QĐ-TTg: "
                    + "1,855,000 VND for 15 days to under a month, 3,710,000 VND for a month or more", Check.NONE),
    STOPPED_WORK("Hỗ trợ người lao động ngừng việc", "Workers whose work stopped for 14 days or more", Kind.FLAT, 1_110_000, 14,
            null, "Resolution 68/NQ-CP II.5; Decision 23/2021/QĐ-TTg ch. VI (Art. 17–19)", Check.NONE),
    TERMINATED_CONTRACT("Hỗ trợ người lao động chấm dứt hợp đồng lao động nhưng không đủ điều kiện hưởng trợ cấp thất nghiệp",
            "Workers whose contract ended without unemployment benefit", Kind.FLAT, 3_710_000, null, null,
            "Resolution 68/NQ-CP II.6; Decision 23/2021/QĐ-TTg ch. VII (Art. 20–22)", Check.NONE),
    CHILD_F0_F1("Hỗ trợ thêm một lần cho trẻ em (dưới 16 tuổi) điều trị COVID-19 hoặc cách ly y tế",
            "One-off supplement for children under 16 treated for COVID-19 (F0) or in medical quarantine (F1)", Kind.FLAT,
            1_000_000, null, null, "Resolution 68/NQ-CP II.7; Decision 23/2021/QĐ-TTg Art. 26", Check.CHILD_F0_F1),
    F0_MEALS("Hỗ trợ tiền ăn cho người điều trị COVID-19 (F0)", "Meals for people treated for COVID-19 (F0)", Kind.PER_DAY,
            80_000, 1, 45, "Resolution 68/NQ-CP II.8; Decision 23/2021/QĐ-TTg Art. 26: 80,000 VND a day, at most 45 days",
            Check.F0_DAYS),
    F1_MEALS("Hỗ trợ tiền ăn cho người cách ly y tế (F1)", "Meals for people in medical quarantine (F1)", Kind.PER_DAY, 80_000,
            1, 21, "Resolution 68/NQ-CP II.8; Decision 23/2021/QĐ-TTg Art. 26: 80,000 VND a day, at most 21 days",
            Check.F1_DAYS),
    PERFORMING_ARTIST("Hỗ trợ viên chức, người lao động làm nghề nghệ thuật biểu diễn",
            "Performing artists (public employees and workers)", Kind.FLAT, 3_710_000, null, null,
            "Resolution 68/NQ-CP II.9; Decision 23/2021/QĐ-TTg ch. on performing artists", Check.NONE),
    TOUR_GUIDE("Hỗ trợ hướng dẫn viên du lịch", "Licensed tour guides", Kind.FLAT, 3_710_000, null, null,
            "Resolution 68/NQ-CP II.10; Decision 23/2021/QĐ-TTg ch. on tour guides", Check.NONE),
    HOUSEHOLD_BUSINESS("Hỗ trợ hộ kinh doanh tạm ngừng kinh doanh", "Household businesses that stopped trading (per household)",
            Kind.FLAT, 3_000_000, null, null, "Resolution 68/NQ-CP II.11; Decision 23/2021/QĐ-TTg ch. on household businesses",
            Check.NONE),
    FREELANCE_WORKER("Hỗ trợ người lao động không có giao kết hợp đồng lao động (lao động tự do)",
            "Freelance workers without a labour contract (amount decided by the province)", Kind.FLAT, 1_500_000, null, null,
            "Resolution 68/NQ-CP II.12 (the provincial People's Committee sets the amount; 1,500,000 VND is Hồ Chí Minh "
                    + "City's figure)", Check.NONE);

    /** How the amount is reckoned. */
    public enum Kind {
        FLAT, PER_DAY, PER_MONTH
    }

    /** What our data can check. */
    public enum Check {
        /** Nothing: the commune official's entry is the attestation. */
        NONE,
        /** F0 (ISOLATING) in the health history for at least the days claimed. */
        F0_DAYS,
        /** F1 (QUARANTINED) in the health history for at least the days claimed. */
        F1_DAYS,
        /** Under 16 by the registry's date of birth, and F0 or F1 in the health history. */
        CHILD_F0_F1
    }

    /** The children's supplement is for those under this age. */
    public static final int CHILD_AGE_LIMIT = 16;
    /** SUSPENDED_CONTRACT pays this for under a month ({@link #amountFor}). */
    public static final long SUSPENDED_UNDER_A_MONTH_VND = 1_855_000;

    private final String titleVi;
    private final String titleEn;
    private final Kind kind;
    private final long vnd;
    private final Integer minDays;
    private final Integer maxDays;
    private final String legalBasis;
    private final Check check;

    SupportPolicy(String titleVi, String titleEn, Kind kind, long vnd, Integer minDays, Integer maxDays, String legalBasis,
                  Check check) {
        this.titleVi = titleVi;
        this.titleEn = titleEn;
        this.kind = kind;
        this.vnd = vnd;
        this.minDays = minDays;
        this.maxDays = maxDays;
        this.legalBasis = legalBasis;
        this.check = check;
    }

    public String titleVi() {
        return titleVi;
    }

    public String titleEn() {
        return titleEn;
    }

    public Kind kind() {
        return kind;
    }

    public long vnd() {
        return vnd;
    }

    /** Days the case must state at least (null: days are not asked). */
    public Integer minDays() {
        return minDays;
    }

    /** Days paid at most (PER_DAY), or null. */
    public Integer maxDays() {
        return maxDays;
    }

    public String legalBasis() {
        return legalBasis;
    }

    public Check check() {
        return check;
    }

    /** The amount of a case stating {@code days} (and {@code months}, unused by the current policies). */
    public long amountFor(Integer days, Integer months) {
        return switch (kind) {
            case PER_DAY -> vnd * days;
            case PER_MONTH -> vnd * months;
            case FLAT -> this == SUSPENDED_CONTRACT && days != null && days < 30 ? SUSPENDED_UNDER_A_MONTH_VND : vnd;
        };
    }

    /** The policy with this id, or null. */
    public static SupportPolicy parse(String id) {
        if (id == null) {
            return null;
        }
        for (SupportPolicy p : values()) {
            if (p.name().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
