package vn.movepass.shared.domain;

/** A declared test's result. */
public enum TestResult {
    NEGATIVE, POSITIVE
}
