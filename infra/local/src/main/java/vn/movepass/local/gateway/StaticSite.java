package vn.movepass.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import vn.movepass.shared.http.HttpResponse;

/** Serves {@code web/} at {@code /} when the folder is present (as the S3 + CloudFront site would). */
public final class StaticSite {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"), Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("yaml", "application/yaml"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"));

    private final Path root;

    public StaticSite(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    boolean present() {
        return root != null && Files.isDirectory(root);
    }

    public APIGatewayV2HTTPResponse serve(String path) throws IOException {
        if (!present()) {
            return null;
        }
        String decoded = java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
        Path file = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        return HttpResponse.binary(200, type.startsWith("text/") || type.endsWith("json") ? type + "; charset=utf-8" : type,
                Files.readAllBytes(file), Map.of("cache-control", "no-cache"));
    }
}
