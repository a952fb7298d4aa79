package vn.movepass.local.testkit;

/** A small hand-made population registry for tests, as it is ({@link #load}) or in a {@link Namespace} ({@link #in}). */
public final class Registry {
    public static final String AN = "079090123456";
    public static final String BINH = "079195000111";
    public static final String CUONG_DECEASED = "001085000222";
    public static final String DUNG = "079303000333";
    public static final String DUC = "079088000444";
    public static final String EM_INCONSISTENT = "079190000555";

    public static final String CSV = """
            citizen_id,full_name,date_of_birth,gender,permanent_ward_code,permanent_address,current_ward_code,current_address,date_of_death
            079090123456,Nguyễn Văn An,1990-05-17,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,
            079195000111,Trần Thị Bình,1995-02-01,FEMALE,26734,3 Hai Bà Trưng,26734,3 Hai Bà Trưng,
            001085000222,Lê Văn Cường,1985-03-03,MALE,00001,5 Phúc Xá,00001,5 Phúc Xá,2021-07-01
            079303000333,Phạm Thị Dung,2003-04-04,FEMALE,26734,"9 Pasteur, P. Bến Nghé",26734,9 Pasteur,
            079088000444,Đặng Văn Đức,1988-06-06,MALE,26734,1 Nguyễn Huệ,26734,1 Nguyễn Huệ,
            079190000555,Hoàng Văn Em,1990-01-01,MALE,26734,2 Lý Tự Trọng,26734,2 Lý Tự Trọng,
            """;

    /** The same people and checkpoints in a namespace: their ids, wards and checkpoint ids are the namespace's. */
    public final String an;
    public final String binh;
    public final String cuongDeceased;
    public final String dung;
    public final String duc;
    public final String emInconsistent;
    public final String csv;
    /** CP-A, in {@link #wardA} (a ward of HCMC's district 1, province 79). */
    public final String cpA;
    /** CP-B, in {@link #wardB} (a ward of Hà Nội's Ba Đình, province 01). */
    public final String cpB;
    public final String wardA;
    public final String wardB;
    private final Namespace ns;

    private Registry(Namespace ns) {
        an = ns.citizen(AN);
        binh = ns.citizen(BINH);
        cuongDeceased = ns.citizen(CUONG_DECEASED);
        dung = ns.citizen(DUNG);
        duc = ns.citizen(DUC);
        emInconsistent = ns.citizen(EM_INCONSISTENT);
        wardA = ns.ward("26734");
        wardB = ns.ward("00001");
        String text = CSV;
        for (String id : java.util.List.of(AN, BINH, CUONG_DECEASED, DUNG, DUC, EM_INCONSISTENT)) {
            text = text.replace(id + ",", ns.citizen(id) + ",");
        }
        csv = text.replaceAll("(?<=,)26734(?=,)", wardA).replaceAll("(?<=,)00001(?=,)", wardB);
        cpA = ns.checkpoint("CP-A");
        cpB = ns.checkpoint("CP-B");
        this.ns = ns;
    }

    /** Another checkpoint id of this namespace. */
    public String checkpoint(String id) {
        return ns.checkpoint(id);
    }

    /** A plate of this namespace. */
    public String plate(String plate) {
        return ns.plate(plate);
    }

    /** A chip-ID card's text with the id of this namespace in place of the one it starts with. */
    public String card(String card) {
        return ns.citizen(card.substring(0, 12)) + card.substring(12);
    }

    /** The registry of a namespace. */
    public static Registry in(Namespace ns) {
        return new Registry(ns);
    }

    public static void load(Api api) {
        api.importResidents(CSV);
        api.checkpoint("CP-A", "26734");
        api.checkpoint("CP-B", "00001");
    }

    /** Imports this namespace's residents and creates its two checkpoints. */
    public void loadInto(Api api) {
        api.importResidents(csv);
        api.checkpoint(cpA, wardA);
        api.checkpoint(cpB, wardB);
    }
}
