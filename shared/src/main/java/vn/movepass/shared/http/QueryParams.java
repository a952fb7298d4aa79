package vn.movepass.shared.http;

import vn.movepass.shared.error.InvalidInputException;

/** Typed query-string parameters with 400s that name the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static int intParam(HttpRequest request, String name, int defaultValue) {
        return intParam(request, name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static int intParam(HttpRequest request, String name, int defaultValue, int min, int max) {
        String raw = request.query(name).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "TYPE", "must be an integer");
        }
        if (value < min || value > max) {
            throw InvalidInputException.of(name, "OUT_OF_RANGE", "must be between " + min + " and " + max);
        }
        return value;
    }
}
