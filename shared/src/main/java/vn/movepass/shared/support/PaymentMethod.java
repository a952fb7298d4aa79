package vn.movepass.shared.support;

/** How a support payment reached the beneficiary. */
public enum PaymentMethod {
    CASH, BANK_TRANSFER, POST_OFFICE
}
