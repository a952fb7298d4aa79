package vn.movepass.shared.greenlane;

import java.time.Instant;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;

/** A validated driver's test result: whose, how, what, and when the sample was taken (whole seconds). */
public record DriverTestRequest(String citizenId, TestMethod method, TestResult result, Instant sampledAt) {
}
