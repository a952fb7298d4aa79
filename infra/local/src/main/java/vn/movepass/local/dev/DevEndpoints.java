package vn.movepass.local.dev;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import vn.movepass.local.gateway.Gateway;
import vn.movepass.local.gateway.LocalIssuer;
import vn.movepass.local.gateway.StaticSite;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.http.ApiException;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.json.JsonInput;
import vn.movepass.shared.ops.MemoryTelemetry;

/** {@code /health} and the {@code /dev/*} endpoints that exist only in the local runtime. */
public final class DevEndpoints implements Gateway.Fallback {
    /** Runs a named schedule for a date, returning when it has finished. */
    public interface Schedules {
        boolean run(String name, JsonNode body);
    }

    private final LocalIssuer issuer;
    private final DevClock clock;
    private final Map<String, String> endpoints;
    private final BooleanSupplier ready;
    private final Supplier<List<String>> stillLoading;
    private final Schedules schedules;
    private final StaticSite site;
    private final Function<LocalDate, List<?>> outbox;

    /**
     * @param ready        whether every table and queue exists
     * @param stillLoading what the runtime was started to load and has not yet (demo data…): /health waits for it
     */
    public DevEndpoints(LocalIssuer issuer, DevClock clock, Map<String, String> endpoints, BooleanSupplier ready,
                 Supplier<List<String>> stillLoading, Schedules schedules, StaticSite site, Function<LocalDate, List<?>> outbox) {
        this.issuer = issuer;
        this.clock = clock;
        this.endpoints = Map.copyOf(endpoints);
        this.ready = ready;
        this.stillLoading = stillLoading;
        this.schedules = schedules;
        this.site = site;
        this.outbox = outbox;
    }

    /** UP once every table and queue exists and nothing the runtime was started with is still loading. */
    private APIGatewayV2HTTPResponse health() {
        if (!ready.getAsBoolean()) {
            return HttpResponse.json(503, Map.of("status", "STARTING"));
        }
        List<String> loading = stillLoading.get();
        return loading.isEmpty() ? HttpResponse.json(200, Map.of("status", "UP"))
                : HttpResponse.json(503, Map.of("status", "LOADING", "pending", loading));
    }

    @Override
    public APIGatewayV2HTTPResponse handle(String method, String path, Map<String, String> headers, byte[] body,
                                           Map<String, String> query) throws IOException {
        switch (method + " " + path) {
            case "GET /health":
                return health();
            case "GET /dev/endpoints":
                return HttpResponse.json(200, endpoints);
            case "GET /dev/clock":
                return clockAnswer();
            case "POST /dev/clock":
                return advance(json(headers, body));
            case "POST /dev/tokens":
                return token(json(headers, body));
            case "GET /openapi.yaml":
                return openApi();
            case "GET /dev/metrics":
                // what the functions counted since start (CloudWatch EMF in AWS): {"Scans{Verdict=VALID}": 3, …}
                return HttpResponse.json(200, Map.of("metrics", MemoryTelemetry.SHARED.snapshot()));
            case "GET /dev/outbox":
                // the SMS the notify function would have sent through SNS: {items:[{to, text, at}]}, newest first
                return HttpResponse.json(200, Map.of("items", outbox.apply(outboxDay(query))));
            case "GET /dev/issuer/jwks.json":
                return HttpResponse.text(200, "application/json", issuer.publicJwks(), Map.of());
            default:
                break;
        }
        if ("POST".equals(method) && path.startsWith("/dev/schedules/") && path.endsWith("/run")) {
            String name = path.substring("/dev/schedules/".length(), path.length() - "/run".length());
            JsonNode request = body.length == 0 ? Json.object() : json(headers, body);
            if (!schedules.run(name, request)) {
                throw new NotFoundException("no schedule named " + name);
            }
            return HttpResponse.json(200, Map.of("schedule", name, "status", "COMPLETED"));
        }
        if (("GET".equals(method) || "HEAD".equals(method)) && !path.startsWith("/dev/") && !path.startsWith("/v1/")) {
            return site.serve(path, headers);
        }
        return null;
    }

    private LocalDate outboxDay(Map<String, String> query) {
        String raw = query == null ? null : query.get("date");
        if (raw == null || raw.isBlank()) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD (UTC)");
        }
    }

    private static APIGatewayV2HTTPResponse openApi() throws IOException {
        try (var in = DevEndpoints.class.getResourceAsStream("/movepass/openapi.yaml")) {
            if (in == null) {
                return null;
            }
            return HttpResponse.text(200, "application/yaml", new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8), Map.of());
        }
    }

    private static JsonNode json(Map<String, String> headers, byte[] body) {
        String ct = headers.getOrDefault("content-type", "");
        if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "Unsupported media type", "Content-Type must be application/json");
        }
        return Json.parseObject(body);
    }

    private APIGatewayV2HTTPResponse clockAnswer() {
        return HttpResponse.json(200, Map.of("now", Times.iso(clock.instant())));
    }

    private APIGatewayV2HTTPResponse advance(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("advance");
        String advance = in.string("advance", true, 40);
        in.throwIfInvalid();
        try {
            Duration by = Duration.parse(advance);
            if (by.isNegative()) {
                throw InvalidInputException.of("advance", "OUT_OF_RANGE", "the clock only moves forward");
            }
            clock.advance(by);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("advance", "FORMAT", "must be an ISO-8601 duration like PT73H");
        }
        return clockAnswer();
    }

    private APIGatewayV2HTTPResponse token(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("role", "sub", "checkpointId", "wardCode", "provinceCode", "device", "siteId", "venueId");
        Role role = in.enumValue("role", Role.class, true);
        String sub = in.string("sub", true, 128);
        String checkpointId = in.string("checkpointId", false, 64);
        String wardCode = in.string("wardCode", false, 5);
        String provinceCode = in.string("provinceCode", false, 2);
        String device = in.string("device", false, 16);
        String siteId = in.string("siteId", false, 64);
        String venueId = in.string("venueId", false, 64);
        if (device != null && (role != Role.CHECKPOINT_OFFICER || !"CAMERA".equals(device))) {
            in.error("device", "NOT_ALLOWED", "only CAMERA, for a checkpoint officer account");
        }
        if (role == Role.CHECKPOINT_OFFICER && checkpointId == null) {
            in.error("checkpointId", "REQUIRED", "is required for a checkpoint officer");
        }
        if (role == Role.WARD_POLICE && wardCode == null) {
            in.error("wardCode", "REQUIRED", "is required for ward police");
        }
        if (role == Role.COMMUNE_OFFICIAL && wardCode == null) {
            in.error("wardCode", "REQUIRED", "is required for a commune official");
        }
        if (role == Role.VACCINATOR && siteId == null) {
            in.error("siteId", "REQUIRED", "is required for a vaccinator");
        }
        if (role == Role.VENUE_OPERATOR && venueId == null) {
            in.error("venueId", "REQUIRED", "is required for a venue operator");
        }
        in.throwIfInvalid();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("role", role.name());
        if (checkpointId != null) {
            claims.put("checkpoint_id", checkpointId);
        }
        if (wardCode != null) {
            claims.put("ward_code", wardCode);
        }
        if (provinceCode != null) {
            claims.put("province_code", provinceCode);
        }
        if (device != null) {
            claims.put("device", device);
        }
        if (siteId != null) {
            claims.put("site_id", siteId);
        }
        if (venueId != null) {
            claims.put("venue_id", venueId);
        }
        return HttpResponse.json(200, Map.of("token", issuer.mint(sub, claims)));
    }
}
