package vn.movepass.shared.geo;

/**
 * A district-level unit (quận, huyện, thị xã, thành phố thuộc tỉnh).
 *
 * @param code         3-digit GSO code, e.g. {@code 760}
 * @param name         name without the type, e.g. {@code 1}
 * @param nameWithType name with the type, e.g. {@code Quận 1}
 * @param provinceCode code of the province it belongs to
 */
public record District(String code, String name, String nameWithType, String provinceCode) {
}
