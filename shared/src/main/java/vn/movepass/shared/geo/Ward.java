package vn.movepass.shared.geo;

/**
 * A commune-level unit (phường, xã, thị trấn).
 *
 * @param code         5-digit GSO code, e.g. {@code 26734}
 * @param name         name without the type, e.g. {@code Tân Định}
 * @param nameWithType name with the type, e.g. {@code Phường Tân Định}
 * @param districtCode code of the district it belongs to
 * @param provinceCode code of the province it belongs to
 */
public record Ward(String code, String name, String nameWithType, String districtCode, String provinceCode) {
}
