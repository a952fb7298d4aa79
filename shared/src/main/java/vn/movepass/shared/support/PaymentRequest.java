package vn.movepass.shared.support;

import java.time.Instant;

/** A payment of a support case: the amount (equal to the case's), when, how and the receipt's reference. */
public record PaymentRequest(long amountVnd, Instant paidAt, PaymentMethod method, String reference) {
}
