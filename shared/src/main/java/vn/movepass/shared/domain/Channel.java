package vn.movepass.shared.domain;

/** How a declaration reached us. */
public enum Channel {
    ONLINE, PAPER
}
