package vn.movepass.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.NotFoundException;

/**
 * Dispatches a function's HTTP events by route key ({@code "POST /v1/declarations"}, exactly as the
 * template declares the route) and turns every failure into a problem+json answer: a service's
 * {@link DomainException} as {@link Problems} maps it, an {@link ApiException} as itself, a throttled or
 * unreachable dependency as 503 with Retry-After, and anything else as 500 — logged by type and stack frames only:
 * no exception message, which can carry request data.
 */
public final class HttpRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);
    /** Frames logged per exception in a failure's chain; the rest are counted. */
    static final int MAX_FRAMES = 40;
    /** The log field Powertools' layout reads the correlation id from. */
    static final String CORRELATION_ID = "correlation_id";

    /** One route's handling. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse handle(HttpRequest request);
    }

    private final Map<String, Route> routes;
    private final AccountCheck accounts;

    private HttpRoutes(Map<String, Route> routes, AccountCheck accounts) {
        this.routes = Map.copyOf(routes);
        this.accounts = accounts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Lambda entry point: {@link #handle(APIGatewayV2HTTPEvent)} with Powertools' JSON log fields of the
     * invocation (function, request id, cold start) and the API's request id as {@code correlation_id} on every log
     * line written meanwhile, cleared afterwards (a warm container serves the next request with none of them).
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        if (context == null) {
            return handle(event);
        }
        var requestContext = event.getRequestContext();
        String correlationId = requestContext == null ? null : requestContext.getRequestId();
        return PowertoolsLogging.withLogging(context, () -> {
            if (correlationId != null) {
                MDC.put(CORRELATION_ID, correlationId);
            }
            try {
                return handle(event);
            } finally {
                MDC.remove(CORRELATION_ID);
            }
        });
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        HttpRequest request = new HttpRequest(event, accounts);
        try {
            Route route = routes.get(request.routeKey());
            if (route == null) {
                throw new NotFoundException("no route " + request.routeKey());
            }
            return route.handle(request);
        } catch (DomainException e) {
            return HttpResponse.problem(e);
        } catch (ApiException e) {
            return HttpResponse.problem(e);
        } catch (SdkException e) {
            if (!DependencyFailures.isTransient(e)) {
                LOG.error("storage call refused on {}: {}", request.routeKey(), withoutMessages(e));
                return HttpResponse.problem(new ApiException(500, "Internal error", "an unexpected error occurred"));
            }
            LOG.warn("dependency unavailable on {}: {}", request.routeKey(), e.getClass().getSimpleName());
            return HttpResponse.problem(DependencyUnavailableException.busy());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {}: {}", request.routeKey(), withoutMessages(e));
            return HttpResponse.problem(new ApiException(500, "Internal error", "an unexpected error occurred"));
        }
    }

    /**
     * A failure as a stack trace without messages: each exception of the cause chain by its type, then its frames
     * (at most {@link #MAX_FRAMES} each). Messages are left out: an SDK or parser message can quote what the request
     * carried (a key, an id, a name).
     */
    static String withoutMessages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t != failure) {
                out.append(System.lineSeparator()).append("Caused by: ");
            }
            out.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                out.append(System.lineSeparator()).append("\tat ").append(frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                out.append(System.lineSeparator()).append("\t... ").append(frames.length - MAX_FRAMES).append(" more");
            }
        }
        return out.toString();
    }

    public Iterable<String> routeKeys() {
        return routes.keySet();
    }

    /** Collects routes. */
    public static final class Builder {
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private AccountCheck accounts = AccountCheck.NONE;

        /** How {@link HttpRequest#principal()} checks that the official's account is still active. */
        public Builder accounts(AccountCheck check) {
            this.accounts = check;
            return this;
        }

        public Builder route(String method, String path, Route route) {
            routes.put(method + " " + path, route);
            return this;
        }

        public Builder get(String path, Route route) {
            return route("GET", path, route);
        }

        public Builder post(String path, Route route) {
            return route("POST", path, route);
        }

        public Builder put(String path, Route route) {
            return route("PUT", path, route);
        }

        public HttpRoutes build() {
            return new HttpRoutes(routes, accounts);
        }
    }
}
