package vn.movepass.local.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.domain.Times;

/**
 * What a newcomer following the README meets around the dev clock: a jump runs each crossed daily export once, in
 * order; a restart on the same data dir keeps the clock where it was (an expired pass stays EXPIRED); and /health
 * says UP only when what the runtime was started to load is loaded.
 */
@FreshRuntime("restarts on a data dir, clock jumps and a held readiness")
class DevClockIT {
    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTheDevClockSoAnExpiredPassStaysExpired() {
        String token;
        Instant advanced;
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir)))) {
            Registry.load(api);
            Api.Answer a = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
            assertEquals(201, a.status(), a.text());
            token = a.json().get("pass").get("token").asText();
            Api.Answer clock = api.post("/dev/clock", Map.of("advance", "PT73H"), null);
            advanced = Instant.parse(clock.json().get("now").asText());
        }
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir)))) {
            Instant now = Instant.parse(api.get("/dev/clock").json().get("now").asText());
            assertTrue(!now.isBefore(advanced), "the clock went back from " + advanced + " to " + now);
            Api.Answer scan = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", token, "direction", "IN"), api.officer("CP-A"));
            assertEquals("EXPIRED", scan.json().get("verdict").asText(), scan.text());
        }
    }

    @Test
    void aJumpOverThreeExportTimesExportsEachOfTheThreeDays() throws Exception {
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory()))) {
            Instant before = Instant.parse(api.get("/dev/clock").json().get("now").asText());
            api.post("/dev/clock", Map.of("advance", "PT73H"), null);
            LocalDate last = Times.vietnamDate(before.plus(Duration.ofHours(73)).minus(Duration.ofMinutes(30))).minusDays(1);
            TreeSet<String> expected = new TreeSet<>(List.of(last.minusDays(2).toString(), last.minusDays(1).toString(), last.toString()));
            TreeSet<String> exported = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            try (SdkHttpClient http = AwsClients.httpClient(); S3Client s3 = AwsClients.s3(api.runtime.s3Endpoint(), http)) {
                String bucket = api.runtime.buckets().get("ExportsBucket");
                while (!exported.containsAll(expected) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    exported.clear();
                    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("exports/")).contents().forEach(o -> {
                        if (o.key().endsWith("/manifest.json")) {
                            exported.add(o.key().substring("exports/dt=".length(), "exports/dt=".length() + 10));
                        }
                    });
                }
            }
            assertTrue(exported.containsAll(expected), "exported " + exported + ", expected " + expected);
        }
    }

    @Test
    void healthSaysLoadingUntilWhatTheRuntimeWasStartedToLoadIsLoaded() {
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory(), List.of("demo data")))) {
            Api.Answer loading = api.get("/health");
            assertEquals(503, loading.status(), loading.text());
            JsonNode body = loading.json();
            assertEquals("LOADING", body.get("status").asText());
            assertEquals("demo data", body.get("pending").get(0).asText());
            api.runtime.loaded("demo data");
            Api.Answer up = api.get("/health");
            assertEquals(200, up.status(), up.text());
            assertEquals("UP", up.json().get("status").asText());
        }
    }

    @Test
    void textFilesAreServedGzippedToAClientThatAcceptsIt() throws Exception {
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory()))) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.runtime.baseUrl() + "/data/units.json"))
                    .header("Accept-Encoding", "gzip").build();
            var answer = HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, answer.statusCode());
            assertEquals("gzip", answer.headers().firstValue("content-encoding").orElse(""));
            byte[] plain;
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer.body()))) {
                plain = in.readAllBytes();
            }
            Api.Answer identity = api.get("/data/units.json");
            assertEquals(null, identity.header("content-encoding"));
            assertEquals(new String(identity.bytes(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(plain, java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(answer.body().length * 4 < plain.length, "compressed " + answer.body().length + " of " + plain.length);
        }
    }
}
