package vn.movepass.shared.store;

/** Partition keys of the passes table: a pass, the guard that keeps a short code unique, a holder's passes. */
public final class PassTableKeys {
    private PassTableKeys() {
    }

    public static String pass(String passId) {
        return "PASS#" + passId;
    }

    /** A citizen's list of passes, see {@code PassHolders}. */
    public static String holder(String citizenId) {
        return "HOLDER#" + citizenId;
    }

    public static String code(String canonicalShortCode) {
        return "CODE#" + canonicalShortCode;
    }
}
