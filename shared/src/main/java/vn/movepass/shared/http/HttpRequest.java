package vn.movepass.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.error.MalformedInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.error.UnauthenticatedException;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.id.Ids;
import vn.movepass.shared.json.Json;

/** A read-only view of an API Gateway HTTP API (payload 2.0) request. */
public final class HttpRequest {
    /** JSON bodies above this size are refused with 413. */
    public static final int MAX_JSON_BODY = 64 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final AccountCheck accounts;

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this(event, AccountCheck.NONE);
    }

    public HttpRequest(APIGatewayV2HTTPEvent event, AccountCheck accounts) {
        this.event = event;
        this.accounts = accounts;
    }

    public String routeKey() {
        String key = event.getRouteKey();
        if (key != null) {
            return key;
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null ? "" : http.getMethod() + " " + event.getRawPath();
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            throw new NotFoundException("missing path parameter " + name);
        }
        return value;
    }

    /** A path id, checked by {@link Ids} before any storage call sees it. */
    public String pathId(String name, IdKind kind) {
        return Ids.require(kind, name, pathParameter(name));
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return Optional.ofNullable(e.getValue());
                }
            }
        }
        return Optional.ofNullable(value);
    }

    public byte[] body() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("the request body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body as a JSON object, after the content-type (415) and size (413) checks. */
    public com.fasterxml.jackson.databind.JsonNode jsonBody() {
        requireContentType("application/json");
        byte[] body = body();
        if (body.length > MAX_JSON_BODY) {
            throw new ApiException(413, "Payload too large", "the body is over 64 KiB");
        }
        return Json.parseObject(body);
    }

    public void requireContentType(String expected) {
        String type = header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expected)) {
            throw new ApiException(415, "Unsupported media type", "Content-Type must be " + expected);
        }
    }

    /** The official behind the request, or 401 when the request carries no valid claims or the account is disabled. */
    public Principal principal() {
        Principal principal = claimedPrincipal();
        accounts.requireActive(principal);
        return principal;
    }

    /**
     * The official the token claims, without the account check: for services that fold that check
     * into a read they make anyway (a scan reads the account in its one BatchGetItem).
     */
    public Principal claimedPrincipal() {
        return principalIfAny().orElseThrow(() -> new UnauthenticatedException("a valid bearer token is required"));
    }

    public Optional<Principal> principalIfAny() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        return Principal.fromClaims(context.getAuthorizer().getJwt().getClaims());
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }
}
