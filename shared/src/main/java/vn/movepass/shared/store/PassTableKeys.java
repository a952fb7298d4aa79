package vn.movepass.shared.store;

/** Partition keys of the passes table: a pass, and the guard that keeps a short code unique. */
public final class PassTableKeys {
    private PassTableKeys() {
    }

    public static String pass(String passId) {
        return "PASS#" + passId;
    }

    public static String code(String canonicalShortCode) {
        return "CODE#" + canonicalShortCode;
    }
}
