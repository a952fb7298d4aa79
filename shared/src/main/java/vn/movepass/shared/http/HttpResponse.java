package vn.movepass.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.json.Json;

/** Builds API Gateway HTTP API responses. */
public final class HttpResponse {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private HttpResponse() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return text(status, JSON, Json.write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType.startsWith("text/") || contentType.endsWith("json") || contentType.endsWith("xml")
                ? contentType + "; charset=utf-8" : contentType);
        headers.put("cache-control", "no-store");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body).withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse binary(int status, String contentType, byte[] body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true).build();
    }

    /** The answer to a service's refusal, as {@link Problems} maps it. */
    public static APIGatewayV2HTTPResponse problem(DomainException e) {
        return problem(Problems.of(e));
    }

    public static APIGatewayV2HTTPResponse problem(ApiException e) {
        var problem = Json.object();
        problem.put("type", "https://movepass.vn/problems/" + e.status());
        problem.put("title", e.title());
        problem.put("status", e.status());
        problem.put("detail", e.getMessage());
        var errors = problem.putArray("errors");
        for (FieldError error : e.errors()) {
            errors.addObject().put("field", error.field()).put("code", error.code()).put("message", error.message());
        }
        Map<String, String> extra = e.retryAfterSeconds() == null ? Map.of()
                : Map.of("retry-after", String.valueOf(e.retryAfterSeconds()));
        return text(e.status(), PROBLEM_JSON, Json.write(problem), extra);
    }

    public static String bodyText(APIGatewayV2HTTPResponse response) {
        if (response.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8);
        }
        return response.getBody();
    }
}
