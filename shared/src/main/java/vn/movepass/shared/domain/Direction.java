package vn.movepass.shared.domain;

/** Which way a person crosses a checkpoint. */
public enum Direction {
    IN, OUT
}
