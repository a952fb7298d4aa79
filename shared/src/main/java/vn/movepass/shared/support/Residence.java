package vn.movepass.shared.support;

/**
 * Where a beneficiary is entered: at the registry's permanent residence, at its registered temporary one (or the
 * current residence the registry holds), or stranded away from both ({@code lang thang cơ nhỡ}: needs a note).
 */
public enum Residence {
    PERMANENT, TEMPORARY, STRANDED
}
