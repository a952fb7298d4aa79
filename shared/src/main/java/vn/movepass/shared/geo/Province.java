package vn.movepass.shared.geo;

/**
 * A province or centrally-governed city (tỉnh / thành phố trực thuộc trung ương).
 *
 * @param code         2-digit GSO code, e.g. {@code 79}
 * @param name         name without the type, e.g. {@code Hồ Chí Minh}
 * @param nameWithType name with the type, e.g. {@code Thành phố Hồ Chí Minh}
 */
public record Province(String code, String name, String nameWithType) {
}
