package vn.movepass.shared.domain;

/** How a declared test was taken. */
public enum TestMethod {
    RT_PCR, RAPID_ANTIGEN
}
