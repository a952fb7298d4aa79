package vn.movepass.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.GoneException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.MalformedInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.error.UnauthenticatedException;
import vn.movepass.shared.json.Json;

/** Each domain exception gets the problem+json answer that the HTTP API documents (and the end-to-end tests assert). */
class ProblemsTest {
    private static JsonNode body(DomainException e) {
        var response = HttpResponse.problem(e);
        assertEquals("application/problem+json; charset=utf-8", response.getHeaders().get("content-type"));
        JsonNode body = Json.readTree(response.getBody());
        assertEquals(response.getStatusCode(), body.path("status").asInt());
        assertEquals("https://movepass.vn/problems/" + response.getStatusCode(), body.path("type").asText());
        return body;
    }

    private static void plain(DomainException e, int status, String title) {
        JsonNode body = body(e);
        assertEquals(status, body.path("status").asInt());
        assertEquals(title, body.path("title").asText());
        assertEquals(e.getMessage(), body.path("detail").asText());
        assertEquals(0, body.path("errors").size());
    }

    @Test
    void invalidInputIs400WithEveryFieldError() {
        var e = new InvalidInputException(List.of(new FieldError("citizenId", "FORMAT", "must be 12 digits"),
                new FieldError("drivers[1]", "NOT_IN_REGISTRY", "is not in the population registry")));
        JsonNode body = body(e);
        assertEquals(400, body.path("status").asInt());
        assertEquals("Invalid request", body.path("title").asText());
        assertEquals("2 field(s) are missing or invalid", body.path("detail").asText());
        assertEquals("drivers[1]", body.path("errors").get(1).path("field").asText());
        assertEquals("NOT_IN_REGISTRY", body.path("errors").get(1).path("code").asText());
        assertEquals("must be 12 digits", body.path("errors").get(0).path("message").asText());
    }

    @Test
    void eachKindKeepsItsStatusAndTitle() {
        plain(new MalformedInputException("the request body is empty; a JSON object is expected"), 400, "Bad request");
        plain(new UnauthenticatedException("a valid bearer token is required"), 401, "Unauthorized");
        plain(new ForbiddenException("this checkpoint is not active"), 403, "Forbidden");
        plain(new NotFoundException("no such permit"), 404, "Not found");
        plain(new ConflictException("checkpoint X already exists"), 409, "Conflict");
        plain(new GoneException("the pass is revoked"), 410, "Gone");
        plain(DependencyUnavailableException.busy(), 503, "Service unavailable");
    }

    @Test
    void onlyAnUnavailableDependencySaysWhenToRetry() {
        var response = HttpResponse.problem(new DependencyUnavailableException("the registry table is throttling writes", 5));
        assertEquals(503, response.getStatusCode());
        assertEquals("5", response.getHeaders().get("retry-after"));
        assertEquals("2", HttpResponse.problem(DependencyUnavailableException.busy()).getHeaders().get("retry-after"));
        assertFalse(HttpResponse.problem(new NotFoundException("no such case")).getHeaders().containsKey("retry-after"));
    }

    @Test
    void aRouteThatThrowsADomainExceptionAnswersItsProblem() {
        HttpRoutes routes = HttpRoutes.builder()
                .get("/v1/things/{id}", request -> {
                    throw new GoneException("the thing is expired");
                })
                .build();
        var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /v1/things/{id}");
        var response = routes.handle(event);
        assertEquals(410, response.getStatusCode());
        assertEquals("the thing is expired", Json.readTree(response.getBody()).path("detail").asText());
        event.setRouteKey("GET /v1/other");
        assertEquals(404, routes.handle(event).getStatusCode());
    }
}
