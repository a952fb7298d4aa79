package vn.movepass.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/** The embedded runtime serving web/, with a small registry, and the HTTP calls the web tests make around the browser. */
public final class Site implements AutoCloseable {
    public static final String AN = "079090123456";
    public static final String BINH = "079195000111";
    public static final String CSV = """
            citizen_id,full_name,date_of_birth,gender,permanent_ward_code,permanent_address,current_ward_code,current_address,date_of_death
            079090123456,Nguyễn Văn An,1990-05-17,MALE,26734,12 Lê Lợi,26734,12 Lê Lợi,
            079195000111,Trần Thị Bình,1995-02-01,FEMALE,26734,3 Hai Bà Trưng,26734,3 Hai Bà Trưng,
            """;

    public final LocalRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Site(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    /** web/ of this checkout: the folder next to template.yaml, found upwards from the working directory. */
    public static Path webRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("web"))) {
                return dir.resolve("web");
            }
        }
        throw new IllegalStateException("no web/ next to template.yaml above " + Path.of("").toAbsolutePath());
    }

    public static Site start() {
        Site site = new Site(LocalRuntime.start(LocalRuntime.Options.inMemory().withWebRoot(webRoot())));
        try {
            String admin = site.token("ADMIN", "admin-web", null, null);
            JsonNode imported = site.send("POST", "/v1/admin/residents", "text/csv", CSV, admin);
            if (imported.path("imported").asInt() != 2) {
                throw new IllegalStateException("import: " + imported);
            }
            for (String[] cp : new String[][] {{"CP-A", "26734"}, {"CP-B", "00001"}}) {
                site.send("POST", "/v1/admin/checkpoints", "application/json", Json.write(Map.of("checkpointId", cp[0],
                        "name", "Chốt kiểm dịch " + cp[0], "wardCode", cp[1], "lat", 10.77, "lon", 106.70)), admin);
            }
            return site;
        } catch (RuntimeException e) {
            site.close();
            throw e;
        }
    }

    public String url(String path) {
        return runtime.baseUrl() + path;
    }

    public String today() {
        return Times.vietnamDate(runtime.clock().instant()).toString();
    }

    public String token(String role, String sub, String scopeField, String scopeValue) {
        ObjectNode body = Json.object().put("role", role).put("sub", sub);
        if (scopeField != null) {
            body.put(scopeField, scopeValue);
        }
        return send("POST", "/dev/tokens", "application/json", Json.write(body), null).get("token").asText();
    }

    public String officer(String checkpointId) {
        return token("CHECKPOINT_OFFICER", "officer-" + checkpointId, "checkpointId", checkpointId);
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null, null);
    }

    public byte[] bytes(String path) {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode());
        }
        return r.body();
    }

    /** A declaration made through the API (not the browser), as in API.md's example, by motorbike, departing today. */
    public JsonNode declare(String citizenId, String fullName, String dob, String gender) {
        ObjectNode d = DemoData.declaration(citizenId, fullName, dob, gender, java.time.LocalDate.parse(today()));
        d.putObject("vehicle").put("type", "MOTORBIKE").put("plate", "59X1-234.56");
        return send("POST", "/v1/declarations", "application/json", Json.write(d), null);
    }

    public JsonNode send(String method, String path, String contentType, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = exchange(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return Json.readTree(r.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
