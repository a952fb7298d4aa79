package vn.movepass.local.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.movepass.local.template.HttpEventDef;
import vn.movepass.local.template.TemplateModel;

/**
 * Hostile requests for every HTTP route the template wires — path parameters, query parameters and headers, not
 * bodies (FuzzIT does bodies) — seeded, so a failure replays. A route added to template.yaml is fuzzed with no code
 * here: its path parameters are found in its path, its query parameters are the ones every list and report takes.
 */
public final class SurfaceFuzz {
    /** A citizen id that must never reach a log line, hidden in some hostile values. */
    public static final String MARKER_ID = "079099912345";
    static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)\\+?}");
    static final List<String> QUERY_NAMES = List.of("date", "unit", "pageToken", "limit", "size", "state", "from", "to",
            "citizenId", "provinceCode", "policyId", "status", "days", "wardCode");

    /** One request and what made it hostile (for the failure message). */
    public record Request(String what, String method, String path, Map<String, String> headers, byte[] body) {
    }

    private final SplittableRandom random;

    public SurfaceFuzz(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Every route of the template, as {@code METHOD /path/{param}}, the local-only /dev ones left out. */
    public static List<HttpEventDef> routes(TemplateModel model) {
        List<HttpEventDef> out = new ArrayList<>();
        model.functions().forEach(f -> out.addAll(f.httpEvents()));
        return out;
    }

    /** A hostile value for an id or a query parameter. */
    String hostile() {
        return switch (random.nextInt(16)) {
            case 0 -> "x".repeat(1 + random.nextInt(2_100));
            case 1 -> "a".repeat(70_000);
            case 2 -> new String(Character.toChars(0x1F600 + random.nextInt(80))).repeat(1 + random.nextInt(60));
            case 3 -> "ab" + (char) random.nextInt(32) + "cd";
            case 4 -> "..%2F..%2Fetc%2Fpasswd";
            case 5 -> "%00" + MARKER_ID;
            case 6 -> MARKER_ID + "\u200b";
            case 7 -> "٠٧٩٠٩٩٩١٢٣٤٥"; // Arabic-Indic digits
            case 8 -> "\uFFFF\uFFFE";
            case 9 -> "\uD800x"; // a lone surrogate
            case 10 -> "2021-02-30";
            case 11 -> random.nextBoolean() ? "province:999" : "ward:" + MARKER_ID;
            case 12 -> Long.toString(random.nextLong());
            case 13 -> "-1";
            case 14 -> new String(Character.toChars(0x10000 * (1 + random.nextInt(16)) + random.nextInt(0xFFFD)));
            default -> "' OR 1=1 --" + MARKER_ID;
        };
    }

    /** The value percent-encoded as a client would send it (every byte that is not unreserved). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** {@code count} hostile requests for one route. */
    public List<Request> requests(HttpEventDef route, int count) {
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(request(route));
        }
        return out;
    }

    private Request request(HttpEventDef route) {
        List<String> what = new ArrayList<>();
        // path parameters: each hostile, or a well-formed id that names nothing
        Matcher m = PARAM.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = random.nextInt(4) == 0 ? "zz" + Integer.toString(random.nextInt(1 << 20), 36) : hostile();
            what.add(m.group(1) + "=" + abbreviate(value));
            m.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
        }
        m.appendTail(path);
        // query: repeated, missing, out of range, hostile
        int queries = random.nextInt(4);
        StringBuilder query = new StringBuilder();
        for (int q = 0; q < queries; q++) {
            String name = QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
            int repeat = random.nextInt(5) == 0 ? 2 : 1;
            for (int r = 0; r < repeat; r++) {
                String value = hostile();
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(encode(value));
                what.add("?" + name + "=" + abbreviate(value));
            }
        }
        if (random.nextInt(8) == 0) {
            query.append(query.length() == 0 ? '?' : '&').append("&&=&=x&%25ZZ&y");
            what.add("?broken query");
        }
        // headers
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(7)) {
            case 0 -> {
                headers.put("X-Fuzz", "h".repeat(8_000 + random.nextInt(8_000)));
                what.add("huge header");
            }
            case 1 -> {
                headers.put("Content-Type", random.nextBoolean() ? "text/plain; charset=ISO-8859-1" : "application/json; charset=UTF-16");
                what.add("content-type " + headers.get("Content-Type"));
            }
            case 2 -> {
                headers.put("Idempotency-Key", hostile().replaceAll("[^\\x20-\\x7e]", "?"));
                what.add("idempotency key");
            }
            case 3 -> {
                headers.put("Accept", "application/xml;q=0.9," + "x".repeat(2_000));
                what.add("accept");
            }
            case 4 -> {
                // with the caller's own token, a second Authorization header
                headers.put("Authorization", random.nextBoolean() ? "Bearer " + hostile().replaceAll("[^\\x21-\\x7e]", "x")
                        : "Basic YWRtaW46YWRtaW4=");
                what.add("second Authorization header");
            }
            default -> {
            }
        }
        byte[] body = null;
        if (random.nextInt(3) == 0) {
            body = new byte[random.nextInt(4_096)];
            random.nextBytes(body);
            what.add("random body " + body.length + " bytes");
        }
        return new Request(String.join(", ", what), route.method(), path + query.toString(), headers, body);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…(" + s.length() + ")";
    }
}
