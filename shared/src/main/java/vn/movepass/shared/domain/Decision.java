package vn.movepass.shared.domain;

/** The officer's decision at a checkpoint. */
public enum Decision {
    ALLOWED, TURNED_BACK
}
