package vn.movepass.shared.domain;

/** Sex as recorded in the national population registry and on the citizen identity card. */
public enum Gender {
    MALE,
    FEMALE
}
