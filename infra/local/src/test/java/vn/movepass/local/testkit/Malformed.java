package vn.movepass.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import vn.movepass.shared.json.Json;

/**
 * A seeded generator of malformed requests. Each request is a valid one broken in one way chosen at random (a missing
 * or mistyped field, an unknown field, a huge or ill-formed string, invalid UTF-8, deep nesting, an out-of-range
 * number, a duplicate key, a broken list item, a wrong media type, a truncated or empty body, an unknown id…), so a
 * correct API answers every one with a 4xx problem and stores nothing.
 */
public final class Malformed {
    /** One request to send, and what was broken. */
    public record Request(String broken, String method, String path, String contentType, byte[] body, String token) {
        public Api.Answer send(Api api) {
            return api.send(method, path, contentType, body, token);
        }
    }

    /**
     * A JSON endpoint: a valid body, its required fields, and for some fields values that break them (enums, dates,
     * formats, ranges, lists). Paths are dotted: {@code residence.wardCode}. An invalid value is a string, or any
     * value Jackson turns into JSON (a number, a list, a {@link JsonNode}).
     */
    public record JsonEndpoint(String method, String path, String token, ObjectNode valid, Set<String> required,
                        Map<String, ? extends List<?>> invalid) {
        /** A POST endpoint, as most are. */
        public JsonEndpoint(String path, String token, ObjectNode valid, Set<String> required, Map<String, ? extends List<?>> invalid) {
            this("POST", path, token, valid, required, invalid);
        }
    }

    /** A GET endpoint of a capability id ({@code {id}} in the path), and its query parameter's invalid values. */
    public record GetEndpoint(String template, String realId, String query, List<String> invalidQueryValues) {
    }

    private static final String MARKER = "\u0001@@raw@@\u0001";
    private static final List<String> WRONG_MEDIA_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "application/jsonx", "application/json-patch+json", "text/json", "application/problem+json", "json", "*/*",
            "application/vnd.api+json", "image/png");
    /** JSON text that is not well-formed, or well-formed but of no type any field takes. */
    private static final List<String> RAW_VALUES = List.of("NaN", "Infinity", "-Infinity", "undefined", "'single'",
            "tru", "nul", "01", ".5", "+1", "0x1F", "1e999999", "-1e999999", "12345678901234567890123456789012345678901234567890",
            "\"\\x41\"", "\"\\u12\"", "\"unterminated", "/*c*/1", "{\"a\":1,}", "[1,]", "{a:1}", "\"\\ud800x\"", "\"a\\udfff\"",
            "\"\\ud83d\"");
    /** Byte sequences that are not UTF-8: a lone continuation, overlong, a surrogate, truncated, 0xFF. */
    private static final byte[][] NOT_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE1, (byte) 0xBB}, {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    private static final List<String> TRAILING = List.of("x", "}", "{}", ",", "[]", "\"\"", "0", "null", "//", "\u0000", "]");
    private static final List<String> NOT_OBJECTS = List.of("null", "[]", "\"text\"", "123", "true", " ", "\n", "-0", "[{}]");
    private static final List<String> NASTY_IDS = List.of("%2E%2E", "%2E", "%00", "%C3%28", "%FF", "%E2%80%AE", "null",
            "undefined", "%20", "%27%20OR%20%271%27%3D%271", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "%2F", "%5C", "~", "-",
            "AAAAAAAAAAAAAAAAAAAAAA", "______________________", "----------------------");
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final Random random;

    public Malformed(long seed) {
        this.random = new Random(seed);
    }

    /** A request to a JSON endpoint, broken in one way. */
    public Request json(JsonEndpoint e) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        List<String> objects = new ArrayList<>();
        walk(e.valid(), "", leaves, objects);
        List<String> paths = new ArrayList<>(leaves.keySet());
        paths.addAll(objects);
        List<String> texts = paths.stream().filter(p -> leaves.containsKey(p) && !leaves.get(p).isBoolean()
                && !leaves.get(p).isArray()).toList();
        String p = pick(paths);
        // a body of booleans only (a policy) has no text leaf: its text mutations replace a boolean
        String text = pick(texts.isEmpty() ? List.copyOf(leaves.keySet()) : texts);
        String valid = e.valid().toString();
        List<String> lists = paths.stream().filter(q -> leaves.containsKey(q) && leaves.get(q).isArray()
                && !leaves.get(q).isEmpty()).toList();
        return switch (random.nextInt(lists.isEmpty() ? 16 : 17)) {
            case 0 -> {
                String r = pick(List.copyOf(e.required()));
                yield body(e, "missing " + r, without(e.valid(), r));
            }
            case 1 -> {
                String r = pick(List.copyOf(e.required()));
                yield body(e, "null " + r, with(e.valid(), r, Json.mapper().nullNode()));
            }
            case 2 -> {
                JsonNode wrong = wrongKind(leaves.containsKey(p) ? leaves.get(p) : e.valid().at(pointer(p)));
                yield body(e, "wrong type of " + p + ": " + abbreviate(wrong.toString()), with(e.valid(), p, wrong));
            }
            case 3 -> {
                String where = random.nextInt(3) == 0 || objects.isEmpty() ? "" : pick(objects) + ".";
                String name = pick(List.of("x", "__proto__", "constructor", "", " ", "a".repeat(300), "\u0000", "FullName",
                        "citizen_id", "$where", "ü")) ;
                ObjectNode copy = e.valid().deepCopy();
                ObjectNode target = where.isEmpty() ? copy : (ObjectNode) copy.at(pointer(where.substring(0, where.length() - 1)));
                if (target.has(name)) {
                    name = name + "_extra";
                }
                target.put(name, random.nextBoolean() ? "1" : null);
                yield body(e, "unknown field " + where + abbreviate(name), copy);
            }
            case 4 -> {
                int length = 2_100 + random.nextInt(random.nextBoolean() ? 2_000 : 70_000);
                yield body(e, "huge " + text + " (" + length + ")", with(e.valid(), text, Json.mapper().getNodeFactory()
                        .textNode(letters(length))));
            }
            case 5 -> {
                char c = (char) (random.nextBoolean() ? 1 + random.nextInt(31) : 0x7F + random.nextInt(33));
                yield body(e, String.format("U+%04X in %s", (int) c, text), with(e.valid(), text,
                        Json.mapper().getNodeFactory().textNode(inMiddle(leaves.get(text).asText(), String.valueOf(c)))));
            }
            case 6 -> {
                String raw = pick(RAW_VALUES);
                yield raw(e, "raw " + raw + " at " + p, p, raw.getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> {
                byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
                String around = leaves.get(text).asText();
                int cut = around.isEmpty() ? 0 : random.nextInt(around.length() + 1);
                yield raw(e, "invalid UTF-8 in " + text, text, concat(("\"" + around.substring(0, cut)).getBytes(StandardCharsets.UTF_8),
                        bad, (around.substring(cut) + "\"").getBytes(StandardCharsets.UTF_8)));
            }
            case 8 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 3_000);
                boolean arrays = random.nextBoolean();
                String nested = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                yield raw(e, "nesting " + depth + " deep at " + p, p, nested.getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> duplicateKey(e, objects);
            case 10 -> {
                int cut = random.nextInt(valid.length());
                yield new Request("truncated at " + cut, e.method(), e.path(), "application/json",
                        valid.substring(0, cut).getBytes(StandardCharsets.UTF_8), e.token());
            }
            case 11 -> {
                String tail = pick(TRAILING);
                yield new Request("trailing " + abbreviate(tail), e.method(), e.path(), "application/json",
                        (valid + tail).getBytes(StandardCharsets.UTF_8), e.token());
            }
            case 12 -> {
                String body = random.nextInt(4) == 0 ? "" : pick(NOT_OBJECTS);
                yield new Request("body " + abbreviate(body), e.method(), e.path(), "application/json",
                        body.getBytes(StandardCharsets.UTF_8), e.token());
            }
            case 13 -> {
                String type = random.nextInt(6) == 0 ? null : pick(WRONG_MEDIA_TYPES);
                yield new Request("content type " + type, e.method(), e.path(), type, valid.getBytes(StandardCharsets.UTF_8), e.token());
            }
            case 16 -> listItem(e, pick(lists));
            default -> {
                String field = pick(List.copyOf(e.invalid().keySet()));
                Object value = pick(e.invalid().get(field));
                JsonNode node = value instanceof JsonNode n ? n : Json.mapper().valueToTree(value);
                yield body(e, field + " = " + abbreviate(value instanceof String t ? t : node.toString()),
                        with(e.valid(), field, node));
            }
        };
    }

    /**
     * The valid body with one item of a list broken: of another type, null, empty, huge, with a control character,
     * invalid UTF-8 or deep nesting in it; or the list repeated far past any limit. No list of the contract takes
     * 1,000 items, and every item is a code (ward, citizen id, enum) that none of these can be.
     */
    private Request listItem(JsonEndpoint e, String path) {
        var f = Json.mapper().getNodeFactory();
        JsonNode list = e.valid().at(pointer(path));
        int i = random.nextInt(list.size());
        JsonNode item = list.get(i);
        String where = path + "[" + i + "]";
        return switch (random.nextInt(8)) {
            case 0 -> {
                JsonNode wrong = wrongKind(item);
                yield body(e, "wrong type of " + where + ": " + abbreviate(wrong.toString()), withItem(e.valid(), path, i, wrong));
            }
            case 1 -> body(e, "null " + where, withItem(e.valid(), path, i, f.nullNode()));
            case 2 -> body(e, "empty " + where, withItem(e.valid(), path, i, f.textNode("")));
            case 3 -> {
                int length = 33 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
                yield body(e, "huge " + where + " (" + length + ")", withItem(e.valid(), path, i, f.textNode(letters(length))));
            }
            case 4 -> {
                char c = (char) (random.nextBoolean() ? 1 + random.nextInt(31) : 0x7F + random.nextInt(33));
                yield body(e, String.format("U+%04X in %s", (int) c, where),
                        withItem(e.valid(), path, i, f.textNode(inMiddle(item.asText(), String.valueOf(c)))));
            }
            case 5 -> {
                byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
                String around = item.asText();
                int cut = around.isEmpty() ? 0 : random.nextInt(around.length() + 1);
                yield raw(e, "invalid UTF-8 in " + where, withItem(e.valid(), path, i, f.textNode(MARKER)),
                        concat(("\"" + around.substring(0, cut)).getBytes(StandardCharsets.UTF_8), bad,
                                (around.substring(cut) + "\"").getBytes(StandardCharsets.UTF_8)));
            }
            case 6 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 3_000);
                String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                yield raw(e, "nesting " + depth + " deep at " + where, withItem(e.valid(), path, i, f.textNode(MARKER)),
                        nested.getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                var many = f.arrayNode();
                for (int k = 0; k < 1_000; k++) {
                    many.add(list.get(k % list.size()));
                }
                yield body(e, "1000 items in " + path, with(e.valid(), path, many));
            }
        };
    }

    public static ObjectNode withItem(ObjectNode valid, String path, int index, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) copy.at(pointer(path))).set(index, value);
        return copy;
    }

    /** A GET of a capability id, with an id that is not one, or a real id and an invalid query value. */
    public Request get(GetEndpoint e) {
        if (e.query() != null && random.nextBoolean()) {
            String value = pick(e.invalidQueryValues());
            return new Request(e.query() + "=" + value, "GET", e.template().replace("{id}", e.realId()) + "?" + e.query() + "="
                    + value, null, null, null);
        }
        String real = e.realId() == null ? randomId(22) : e.realId();
        String id = switch (random.nextInt(6)) {
            case 0 -> {
                int i = random.nextInt(real.length());
                char c = BASE64URL.charAt(random.nextInt(BASE64URL.length()));
                yield real.substring(0, i) + (c == real.charAt(i) ? (c == 'A' ? 'B' : 'A') : c) + real.substring(i + 1);
            }
            case 1 -> real.substring(0, random.nextInt(real.length()));
            case 2 -> real + randomId(1 + random.nextInt(40));
            case 3 -> {
                byte[] bytes = new byte[1 + random.nextInt(64)];
                random.nextBytes(bytes);
                yield percentEncoded(bytes);
            }
            case 4 -> randomId(23 + random.nextInt(3_000));
            default -> pick(NASTY_IDS);
        };
        return new Request("id " + abbreviate(id), "GET", e.template().replace("{id}", id), null, null, null);
    }

    private Request duplicateKey(JsonEndpoint e, List<String> objects) {
        String where = random.nextBoolean() || objects.isEmpty() ? "" : pick(objects);
        ObjectNode object = (ObjectNode) (where.isEmpty() ? e.valid() : e.valid().at(pointer(where)));
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = pick(names);
        String again = "{" + Json.write(name) + ":" + object.get(name) + "," + object.toString().substring(1);
        if (where.isEmpty()) {
            return new Request("duplicate key " + name, e.method(), e.path(), "application/json",
                    again.getBytes(StandardCharsets.UTF_8), e.token());
        }
        return raw(e, "duplicate key " + where + "." + name, where, again.getBytes(StandardCharsets.UTF_8));
    }

    private Request body(JsonEndpoint e, String broken, JsonNode body) {
        return new Request(broken, e.method(), e.path(), "application/json", body.toString().getBytes(StandardCharsets.UTF_8), e.token());
    }

    /** The valid body with the value at {@code path} replaced by raw bytes (which need not be JSON, nor UTF-8). */
    private Request raw(JsonEndpoint e, String broken, String path, byte[] raw) {
        return raw(e, broken, with(e.valid(), path, Json.mapper().getNodeFactory().textNode(MARKER)), raw);
    }

    /** A body holding the marker string once, with the marker (quotes included) replaced by raw bytes. */
    private Request raw(JsonEndpoint e, String broken, ObjectNode withMarker, byte[] raw) {
        String text = withMarker.toString();
        String quoted = Json.write(MARKER);
        int at = text.indexOf(quoted);
        return new Request(broken, e.method(), e.path(), "application/json", concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                raw, text.substring(at + quoted.length()).getBytes(StandardCharsets.UTF_8)), e.token());
    }

    /** A value of another JSON type than {@code original}'s (any non-null type for a null). */
    private JsonNode wrongKind(JsonNode original) {
        var f = Json.mapper().getNodeFactory();
        List<JsonNode> candidates = new ArrayList<>();
        if (!original.isTextual() && !original.isNull()) {
            candidates.add(f.textNode(random.nextBoolean() ? "true" : "1"));
        }
        if (!original.isBoolean()) {
            candidates.add(f.booleanNode(random.nextBoolean()));
        }
        candidates.add(f.numberNode(random.nextInt()));
        candidates.add(f.numberNode(random.nextDouble() * 1e300));
        candidates.add(f.numberNode(new java.math.BigInteger("9".repeat(39))));
        candidates.add(f.numberNode(-random.nextLong()));
        if (!original.isArray()) {
            candidates.add(f.arrayNode().add(original.isNull() ? f.textNode("x") : original));
        }
        if (!original.isObject()) {
            candidates.add(f.objectNode().set("value", original));
        }
        return pick(candidates);
    }

    private static void walk(JsonNode node, String prefix, Map<String, JsonNode> leaves, List<String> objects) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                objects.add(path);
                walk(field.getValue(), path + ".", leaves, objects);
            } else {
                leaves.put(path, field.getValue());
            }
        }
    }

    public static String pointer(String dotted) {
        return "/" + dotted.replace('.', '/');
    }

    public static ObjectNode with(ObjectNode valid, String path, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? copy : (ObjectNode) copy.at(pointer(path.substring(0, dot)));
        parent.set(path.substring(dot + 1), value);
        return copy;
    }

    public static ObjectNode without(ObjectNode valid, String path) {
        ObjectNode copy = valid.deepCopy();
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? copy : (ObjectNode) copy.at(pointer(path.substring(0, dot)));
        parent.remove(path.substring(dot + 1));
        return copy;
    }

    private String inMiddle(String value, String insert) {
        String around = value.length() < 2 ? "a" + value + "b" : value;
        int at = 1 + random.nextInt(around.length() - 1);
        return around.substring(0, at) + insert + around.substring(at);
    }

    private String letters(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private String randomId(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
        }
        return s.toString();
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%%%02X", b & 0xFF));
        }
        return s.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static String abbreviate(String s) {
        String printable = s.codePoints().mapToObj(c -> c < 0x20 || c >= 0x7F && c < 0xA0 ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))).reduce("", String::concat);
        return printable.length() > 60 ? printable.substring(0, 60) + "…(" + s.length() + ")" : printable;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
