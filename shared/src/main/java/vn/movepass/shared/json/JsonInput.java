package vn.movepass.shared.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;

/**
 * Reads typed fields from a JSON object, collecting every problem (with its dotted path) instead
 * of stopping at the first, so a client learns all it must correct from one answer
 * ({@link InvalidInputException}, a 400).
 */
public final class JsonInput {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    public static JsonInput root(JsonNode node) {
        return new JsonInput(node, "", new ArrayList<>());
    }

    public boolean present() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    public String path(String name) {
        return prefix + name;
    }

    public void error(String name, String code, String message) {
        errors.add(new FieldError(path(name), code, message));
    }

    /** A nested object; when absent (and not required) the child reads as empty. */
    public JsonInput object(String name, boolean required) {
        JsonNode child = node.path(name);
        if (child.isMissingNode() || child.isNull()) {
            if (required) {
                error(name, "REQUIRED", "is required");
            }
            return new JsonInput(MissingNode.getInstance(), path(name) + ".", errors);
        }
        if (!child.isObject()) {
            error(name, "TYPE", "must be an object");
            return new JsonInput(MissingNode.getInstance(), path(name) + ".", errors);
        }
        return new JsonInput(child, path(name) + ".", errors);
    }

    /** Whether the field is present (and not null). */
    public boolean has(String name) {
        JsonNode value = node.path(name);
        return !value.isMissingNode() && !value.isNull();
    }

    private JsonNode field(String name, boolean required) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            if (required && present()) {
                error(name, "REQUIRED", "is required");
            }
            return null;
        }
        return value;
    }

    /** A string without control characters, trimmed, at most {@code maxLength} code points. */
    public String string(String name, boolean required, int maxLength) {
        return string(name, required, maxLength, false);
    }

    /**
     * A string as scanned from a code: NUL characters (chip-ID card QR codes carry stray ones) are
     * dropped; other control characters are still refused.
     */
    public String scannedText(String name, boolean required, int maxLength) {
        return string(name, required, maxLength, true);
    }

    private String string(String name, boolean required, int maxLength, boolean dropNuls) {
        JsonNode value = field(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(name, "TYPE", "must be a string");
            return null;
        }
        String text = value.textValue();
        if (dropNuls) {
            text = text.replace("\u0000", "");
        }
        text = text.strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            error(name, "TOO_LONG", "must be at most " + maxLength + " characters");
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(text, i) || undecodable(c)) {
                error(name, "INVALID_CHARACTERS", "contains control or invalid characters");
                return null;
            }
        }
        if (text.isEmpty() && required) {
            error(name, "REQUIRED", "must not be blank");
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /**
     * U+FFFD is what a decoder leaves for bytes that were not UTF-8 (API Gateway hands text bodies over as strings, so
     * the handler never sees the bytes themselves); U+FFFE and U+FFFF are noncharacters. No name, address or code
     * contains them.
     */
    private static boolean undecodable(char c) {
        return c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF';
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    public String matching(String name, boolean required, int maxLength, Pattern pattern, String code, String message) {
        String value = string(name, required, maxLength);
        if (value != null && !pattern.matcher(value).matches()) {
            error(name, code, message);
            return null;
        }
        return value;
    }

    public Boolean bool(String name, boolean required) {
        JsonNode value = field(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            error(name, "TYPE", "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public Double number(String name, boolean required, double min, double max) {
        JsonNode value = field(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(name, "TYPE", "must be a number");
            return null;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            error(name, "OUT_OF_RANGE", "must be between " + min + " and " + max);
            return null;
        }
        return d;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required) {
        JsonNode value = field(name, required);
        if (value == null) {
            return null;
        }
        return toEnum(value, type, name);
    }

    private <E extends Enum<E>> E toEnum(JsonNode value, Class<E> type, String name) {
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.textValue())) {
                    return constant;
                }
            }
        }
        error(name, "NOT_ALLOWED", "must be one of " + List.of(type.getEnumConstants()));
        return null;
    }

    /** A list of distinct enum values (order kept). */
    public <E extends Enum<E>> List<E> enumList(String name, Class<E> type, boolean required, int maxItems) {
        JsonNode value = field(name, required);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            error(name, "TYPE", "must be an array of at most " + maxItems + " values");
            return List.of();
        }
        Set<E> out = new LinkedHashSet<>();
        int before = errors.size();
        for (JsonNode item : value) {
            E e = toEnum(item, type, name);
            if (e != null) {
                out.add(e);
            }
        }
        return errors.size() == before ? List.copyOf(out) : List.of();
    }

    public LocalDate date(String name, boolean required) {
        String text = string(name, required, 10);
        if (text == null) {
            return null;
        }
        try {
            if (!DATE.matcher(text).matches()) {
                throw new DateTimeParseException("pattern", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "FORMAT", "must be a date YYYY-MM-DD");
            return null;
        }
    }

    public Instant instant(String name, boolean required) {
        String text = string(name, required, 35);
        if (text == null) {
            return null;
        }
        try {
            if (!INSTANT.matcher(text).matches()) {
                throw new DateTimeParseException("pattern", text, 0);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "FORMAT", "must be an ISO-8601 UTC instant like 2021-08-15T03:04:05Z");
            return null;
        }
    }

    /** Every field not named is an error: a typo must not be silently ignored. */
    public void allowOnly(String... names) {
        if (!node.isObject()) {
            return;
        }
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                errors.add(new FieldError(path(field.length() > 64 ? field.substring(0, 64) : field), "UNKNOWN_FIELD",
                        "is not a known field"));
            }
        }
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
