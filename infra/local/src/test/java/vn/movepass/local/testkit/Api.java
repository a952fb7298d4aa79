package vn.movepass.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/** A test client for a running local runtime: the HTTP API as a phone or browser would call it. */
public final class Api implements AutoCloseable {
    public final LocalRuntime runtime;
    /** Whether {@link #close} stops the runtime: not when it is the shared one ({@link SharedRuntime}). */
    private final boolean owned;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    public record Answer(int status, Map<String, java.util.List<String>> headers, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return Json.readTree(text());
        }

        public String header(String name) {
            return headers.getOrDefault(name, java.util.List.of()).stream().findFirst().orElse(null);
        }
    }

    public Api(LocalRuntime runtime) {
        this(runtime, true);
    }

    private Api(LocalRuntime runtime, boolean owned) {
        this.runtime = runtime;
        this.owned = owned;
    }

    /** A client of a runtime someone else closes. */
    static Api borrowing(LocalRuntime runtime) {
        return new Api(runtime, false);
    }

    public static Api start() {
        return new Api(LocalRuntime.start(LocalRuntime.Options.inMemory()));
    }

    public Answer send(String method, String path, String contentType, byte[] body, String token) {
        return send(method, path, contentType, body, token, Map.of());
    }

    /** A request with extra headers (e.g. {@code Idempotency-Key}). */
    public Answer send(String method, String path, String contentType, byte[] body, String token, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null, null);
    }

    public Answer get(String path, String token) {
        return send("GET", path, null, null, token);
    }

    public Answer post(String path, Object json, String token) {
        String body = json instanceof String s ? s : Json.write(json);
        return send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), token);
    }

    public String token(String role, String sub, String scopeField, String scopeValue) {
        ObjectNode body = Json.object().put("role", role).put("sub", sub);
        if (scopeField != null) {
            body.put(scopeField, scopeValue);
        }
        Answer a = post("/dev/tokens", body, null);
        if (a.status() != 200) {
            throw new IllegalStateException("token: " + a.text());
        }
        return a.json().get("token").asText();
    }

    public String admin() {
        return token("ADMIN", "admin-test", null, null);
    }

    public String officer(String checkpointId) {
        return token("CHECKPOINT_OFFICER", "officer-" + checkpointId, "checkpointId", checkpointId);
    }

    public void importResidents(String csv) {
        Answer a = send("POST", "/v1/admin/residents", "text/csv", csv.getBytes(StandardCharsets.UTF_8), admin());
        if (a.status() != 200 || a.json().get("rejected").size() != 0) {
            throw new IllegalStateException("import: " + a.status() + " " + a.text());
        }
    }

    public void checkpoint(String id, String ward) {
        Answer a = post("/v1/admin/checkpoints", Map.of("checkpointId", id, "name", "Chốt " + id, "wardCode", ward,
                "lat", 10.77, "lon", 106.70), admin());
        if (a.status() != 201) {
            throw new IllegalStateException("checkpoint: " + a.text());
        }
    }

    public LocalDate today() {
        return Times.vietnamDate(runtime.clock().instant());
    }

    public Instant now() {
        return runtime.clock().instant();
    }

    /** A declaration body matching the example of API.md, for the given person, departing tomorrow. */
    public ObjectNode declaration(String citizenId, String fullName, String dob, String gender) {
        return DemoData.declaration(citizenId, fullName, dob, gender, today().plusDays(1));
    }

    /** Item counts of every table, to check that a refused request stored nothing. */
    public Map<String, Integer> tableCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String table : runtime.provisioned().tableNames().values()) {
            counts.put(table, runtime.dynamo().scan(ScanRequest.builder().tableName(table).select(Select.COUNT).build()).count());
        }
        return counts;
    }

    /** Every item of every table as text (attributes in name order, items sorted): changes show, not only counts. */
    public Map<String, java.util.List<String>> tableContents() {
        Map<String, java.util.List<String>> contents = new java.util.TreeMap<>();
        for (String table : runtime.provisioned().tableNames().values()) {
            java.util.List<String> items = new java.util.ArrayList<>();
            runtime.dynamo().scanPaginator(ScanRequest.builder().tableName(table).build()).items()
                    .forEach(item -> items.add(new java.util.TreeMap<>(item).toString()));
            java.util.Collections.sort(items);
            contents.put(table, items);
        }
        return contents;
    }

    @Override
    public void close() {
        if (owned) {
            runtime.close();
        }
    }
}
