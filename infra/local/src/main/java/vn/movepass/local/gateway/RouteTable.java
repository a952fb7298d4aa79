package vn.movepass.local.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route matching: literal segments beat {@code {param}} segments, which beat a greedy
 * {@code {proxy+}}; the route key handed to the function is the template's own ("POST /v1/passes/{passId}").
 */
public final class RouteTable<T> {
    /** One declared route. */
    public record Route<T>(String method, String path, List<String> segments, T target, boolean authorized) {
        String routeKey() {
            return method + " " + path;
        }

        int specificity() {
            int literal = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    literal++;
                }
            }
            return literal * 1000 + segments.size() * 10 + (segments.stream().anyMatch(s -> s.endsWith("+}")) ? 0 : 1);
        }
    }

    /** A match: the route and the path parameters it bound. */
    public record Match<T>(Route<T> route, Map<String, String> pathParameters) {
    }

    private final List<Route<T>> routes = new ArrayList<>();

    public void add(String method, String path, T target, boolean authorized) {
        routes.add(new Route<>(method.toUpperCase(java.util.Locale.ROOT), path, split(path), target, authorized));
        routes.sort(Comparator.comparingInt((Route<T> r) -> r.specificity()).reversed());
    }

    public List<Route<T>> routes() {
        return List.copyOf(routes);
    }

    /** The best route for the method and path; empty when no route has that path at all. */
    public Optional<Match<T>> match(String method, String rawPath) {
        List<String> parts = split(rawPath);
        for (Route<T> route : routes) {
            if (!route.method().equals(method) && !route.method().equals("ANY")) {
                continue;
            }
            Map<String, String> params = bind(route.segments(), parts);
            if (params != null) {
                return Optional.of(new Match<>(route, params));
            }
        }
        return Optional.empty();
    }

    public boolean pathExists(String rawPath) {
        List<String> parts = split(rawPath);
        return routes.stream().anyMatch(r -> bind(r.segments(), parts) != null);
    }

    private static Map<String, String> bind(List<String> pattern, List<String> parts) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= parts.size()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", parts.subList(i, parts.size())));
                return params;
            }
            if (i >= parts.size()) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (parts.get(i).isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), parts.get(i));
            } else if (!p.equals(parts.get(i))) {
                return null;
            }
        }
        return pattern.size() == parts.size() ? params : null;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
