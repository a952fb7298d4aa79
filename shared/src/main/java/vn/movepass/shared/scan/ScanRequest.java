package vn.movepass.shared.scan;

import vn.movepass.shared.domain.Direction;

/** A validated scan: what the officer scanned, which way the traveller goes, and whether to record a VALID one at once. */
public record ScanRequest(String code, Direction direction, boolean record) {
}
