package vn.movepass.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.DomainException;
import vn.movepass.shared.error.NotFoundException;

/**
 * Dispatches a function's HTTP events by route key ({@code "POST /v1/declarations"}, exactly as the
 * template declares the route) and turns every failure into a problem+json answer: a service's
 * {@link DomainException} as {@link Problems} maps it, an {@link ApiException} as itself, a throttled or
 * unreachable dependency as 503 with Retry-After, and anything else as 500 — logged by type only, never with
 * request data.
 */
public final class HttpRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

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
                LOG.error("storage call refused on {}: {}", request.routeKey(), e.getClass().getName(), e);
                return HttpResponse.problem(new ApiException(500, "Internal error", "an unexpected error occurred"));
            }
            LOG.warn("dependency unavailable on {}: {}", request.routeKey(), e.getClass().getSimpleName());
            return HttpResponse.problem(DependencyUnavailableException.busy());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {}: {}", request.routeKey(), e.getClass().getName(), e);
            return HttpResponse.problem(new ApiException(500, "Internal error", "an unexpected error occurred"));
        }
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

        public HttpRoutes build() {
            return new HttpRoutes(routes, accounts);
        }
    }
}
