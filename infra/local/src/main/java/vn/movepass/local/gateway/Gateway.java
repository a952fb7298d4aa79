package vn.movepass.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.movepass.local.LocalRuntime;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.error.UnauthenticatedException;
import vn.movepass.shared.http.ApiException;
import vn.movepass.shared.http.HttpResponse;

/**
 * The local API Gateway: turns HTTP requests into HTTP API payload 2.0 events for the real handler
 * classes, checks bearer tokens on routes with the default authorizer (like the JWT authorizer),
 * and falls back to the dev endpoints and the static site.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** API Gateway HTTP APIs refuse payloads above 10 MB. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A function that answers HTTP events. */
    public record Target(String functionName, int memoryMb, int timeoutSeconds,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    /** Answers a request that no function route matched (dev endpoints, health, static files). */
    public interface Fallback {
        /** Returns null when it has no answer either. */
        APIGatewayV2HTTPResponse handle(String method, String path, Map<String, String> headers, byte[] body,
                                        Map<String, String> query) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable<Target> routes;
    private final LocalIssuer issuer;
    private final Fallback fallback;
    private volatile ClientLimit clientLimit = new ClientLimit(0);

    static {
        // without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK: ~40 ms per answer
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public Gateway(int port, RouteTable<Target> routes, LocalIssuer issuer, Fallback fallback, int threads) throws IOException {
        this.routes = routes;
        this.issuer = issuer;
        this.fallback = fallback;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gateway");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    /** Limits each client address on the public POST routes (see {@link ClientLimit}); 0 turns it off. */
    public void limitClients(int perMinute) {
        this.clientLimit = new ClientLimit(perMinute);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            APIGatewayV2HTTPResponse response;
            try {
                response = dispatch(exchange);
            } catch (DomainException e) {
                response = HttpResponse.problem(e);
            } catch (ApiException e) {
                response = HttpResponse.problem(e);
            } catch (RuntimeException e) {
                LOG.error("gateway failure: {}", e.getClass().getName(), e);
                response = HttpResponse.problem(new ApiException(500, "Internal error", "the local gateway failed"));
            }
            write(exchange, response);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.getMessage());
        }
    }

    private APIGatewayV2HTTPResponse dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        byte[] body = readBody(exchange);
        Map<String, String> headers = headers(exchange);
        Map<String, String> query = query(rawQuery);

        Optional<RouteTable.Match<Target>> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            APIGatewayV2HTTPResponse answer = fallback.handle(method, rawPath, headers, body, query);
            if (answer != null) {
                return answer;
            }
            if (routes.pathExists(rawPath)) {
                throw new ApiException(405, "Method not allowed", method + " is not allowed on " + rawPath);
            }
            throw new NotFoundException("no route for " + method + " " + rawPath);
        }
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (!match.get().route().authorized() && "POST".equals(method)) {
            int wait = clientLimit.take(sourceIp);
            if (wait > 0) {
                throw new ApiException(429, "Too many requests", "too many requests from this address; try again later",
                        List.of(), wait);
            }
        }
        Map<String, String> claims = null;
        if (match.get().route().authorized()) {
            claims = bearerClaims(headers).orElseThrow(() -> new UnauthenticatedException(
                    "a valid bearer token from the issuer is required"));
        }
        return call(match.get(), method, rawPath, rawQuery, headers, query, body, claims, exchange.getProtocol(),
                sourceIp);
    }

    /**
     * Calls the function of a route as API Gateway does once its JWT authorizer has accepted {@code claims} (null on
     * a public route): the same payload 2.0 event as over HTTP, without the socket and the token's signature check.
     * For in-process benchmarks of the handlers.
     */
    public APIGatewayV2HTTPResponse invoke(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                           byte[] body, Map<String, String> claims) {
        RouteTable.Match<Target> match = routes.match(method, rawPath)
                .orElseThrow(() -> new NotFoundException("no route for " + method + " " + rawPath));
        return call(match, method, rawPath, rawQuery, headers, query(rawQuery), body, claims, "HTTP/1.1", "127.0.0.1");
    }

    private static APIGatewayV2HTTPResponse call(RouteTable.Match<Target> match, String method, String rawPath,
                                                 String rawQuery, Map<String, String> headers, Map<String, String> query,
                                                 byte[] body, Map<String, String> claims, String protocol, String sourceIp) {
        RouteTable.Route<Target> route = match.route();
        APIGatewayV2HTTPEvent event = event(protocol, sourceIp, method, rawPath, rawQuery, headers, query, body, route,
                match.pathParameters(), claims);
        Target target = route.target();
        var context = new vn.movepass.local.embedded.LocalContext(target.functionName(), LocalRuntime.REGION, LocalRuntime.ACCOUNT,
                target.memoryMb(), java.time.Duration.ofSeconds(target.timeoutSeconds()));
        APIGatewayV2HTTPResponse response = target.handler().handleRequest(event, context);
        if (response == null) {
            throw new ApiException(502, "Bad gateway", "the function returned no response");
        }
        return response;
    }

    private Optional<Map<String, String>> bearerClaims(Map<String, String> headers) {
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return issuer.verify(authorization.substring(7).trim());
    }

    private static APIGatewayV2HTTPEvent event(String protocol, String sourceIp, String method, String rawPath, String rawQuery,
                                               Map<String, String> headers, Map<String, String> query, byte[] body,
                                               RouteTable.Route<Target> route, Map<String, String> pathParameters,
                                               Map<String, String> claims) {
        Instant now = Instant.now();
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(rawPath).withProtocol(protocol).withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("localhost").withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withRouteKey(route.routeKey()).withStage("$default").withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli());
        if (claims != null) {
            var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(List.of()).build();
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context.build())
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    /** API Gateway passes textual bodies as they are and base64-encodes the rest. */
    static boolean isText(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
                || ct.startsWith("application/x-www-form-urlencoded");
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
            if (body.length > MAX_PAYLOAD) {
                throw new ApiException(413, "Payload too large", "request bodies are limited to 10 MB");
            }
            return body;
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
