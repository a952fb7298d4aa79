package vn.movepass.shared.domain;

/** Why a citizen travels. */
public enum Purpose {
    WORK, MEDICAL, ESSENTIAL_GOODS, OFFICIAL_DUTY, RETURN_HOME, FUNERAL, OTHER
}
