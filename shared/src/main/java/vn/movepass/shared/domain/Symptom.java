package vn.movepass.shared.domain;

/** Declared symptoms. */
public enum Symptom {
    FEVER, COUGH, SHORTNESS_OF_BREATH, SORE_THROAT, FATIGUE, PNEUMONIA, LOSS_OF_TASTE_OR_SMELL
}
