package vn.movepass.local.testkit;

/** A small hand-made population registry for tests. */
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

    private Registry() {
    }

    public static void load(Api api) {
        api.importResidents(CSV);
        api.checkpoint("CP-A", "26734");
        api.checkpoint("CP-B", "00001");
    }
}
