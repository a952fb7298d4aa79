package vn.movepass.shared.trace;

import java.time.Instant;

/** A validated case to open: the F0's citizen id and when they were found positive (a case always starts from an F0). */
public record NewCase(String citizenId, Instant detectedAt) {
}
