package vn.movepass.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import vn.movepass.shared.http.HttpResponse;

/**
 * Serves {@code web/} at {@code /} when the folder is present, as the S3 + CloudFront site would: text, JSON and SVG
 * of 1,000 bytes or more are gzip-compressed for a client that accepts it (CloudFront's automatic compression), so
 * the 500 KB {@code units.json} crosses a phone's network at about a tenth of its size.
 */
public final class StaticSite {
    /** CloudFront compresses objects from 1,000 bytes on. */
    private static final int COMPRESS_FROM = 1_000;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"), Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("yaml", "application/yaml"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"));

    private final Path root;
    private final Map<Path, Gzipped> gzipped = new ConcurrentHashMap<>();

    private record Gzipped(FileTime modified, byte[] bytes) {
    }

    public StaticSite(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    boolean present() {
        return root != null && Files.isDirectory(root);
    }

    /** The file at {@code path}, or null; {@code headers} (lower-case names) decide whether it is sent compressed. */
    public APIGatewayV2HTTPResponse serve(String path, Map<String, String> headers) throws IOException {
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
        boolean text = type.startsWith("text/") || type.endsWith("json") || type.endsWith("+xml") || type.endsWith("yaml");
        String contentType = type.startsWith("text/") || type.endsWith("json") ? type + "; charset=utf-8" : type;
        long size = Files.size(file);
        if (text && size >= COMPRESS_FROM && acceptsGzip(headers)) {
            return HttpResponse.binary(200, contentType, gzip(file),
                    Map.of("cache-control", "no-cache", "content-encoding", "gzip", "vary", "accept-encoding"));
        }
        return HttpResponse.binary(200, contentType, Files.readAllBytes(file),
                text ? Map.of("cache-control", "no-cache", "vary", "accept-encoding") : Map.of("cache-control", "no-cache"));
    }

    private static boolean acceptsGzip(Map<String, String> headers) {
        String accept = headers == null ? null : headers.get("accept-encoding");
        if (accept == null) {
            return false;
        }
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equals("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    /** The file gzip-compressed, kept until it changes on disk. */
    private byte[] gzip(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Gzipped cached = gzipped.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            Files.copy(file, gz);
        }
        byte[] bytes = out.toByteArray();
        gzipped.put(file, new Gzipped(modified, bytes));
        return bytes;
    }
}
