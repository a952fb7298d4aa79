package vn.movepass.bench.durability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.movepass.shared.json.Json;

/** The HTTP API of a runtime in another JVM (or this one), as the kill -9 tests call it. */
final class Http {
    /** An answer; status 0 when the connection failed (the runtime was killed under the request). */
    record Answer(int status, String text) {
        JsonNode json() {
            return Json.readTree(text);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
    }

    Answer post(String path, Object json, String token) {
        String body = json instanceof String s ? s : Json.write(json);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), token);
    }

    /** A token from the runtime's dev issuer. */
    String token(String role, String sub, String scopeField, String scopeValue) {
        var body = Json.object().put("role", role).put("sub", sub);
        if (scopeField != null) {
            body.put(scopeField, scopeValue);
        }
        Answer a = post("/dev/tokens", body, null);
        if (a.status() != 200) {
            throw new IllegalStateException("token: " + a.status() + " " + a.text());
        }
        return a.json().get("token").asText();
    }

    private Answer send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
