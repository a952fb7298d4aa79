package vn.movepass.shared.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.json.Json;

/** What CloudWatch receives: one Embedded Metric Format line per metric, with its own low-cardinality dimensions. */
class EmfTelemetryTest {

    @BeforeAll
    static void asInLambda() {
        // outside Lambda the EMF library would look for a CloudWatch agent on tcp 25888; in Lambda it writes stdout
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    }

    private static List<JsonNode> emfLines(Runnable emitting) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            emitting.run();
        } finally {
            System.setOut(out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.contains("\"_aws\"")) {
                lines.add(Json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void eachMetricIsOneEmfLineWithItsDimensions() {
        EmfTelemetry telemetry = new EmfTelemetry("MovePassTest", "movepass");
        List<JsonNode> lines = emfLines(() -> {
            telemetry.count(Metric.SCANS, "Verdict", Verdict.VALID);
            telemetry.count(Metric.TRACE_UNITS_OPENED, 7);
            telemetry.time(Metric.CASE_DURATION, Duration.ofMillis(1234));
        });
        assertEquals(3, lines.size(), lines.toString());

        JsonNode scan = lines.get(0);
        JsonNode meta = scan.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("MovePassTest", meta.get("Namespace").asText());
        assertEquals("Scans", meta.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", meta.get("Metrics").get(0).get("Unit").asText());
        assertTrue(meta.get("Dimensions").toString().contains("Verdict"), meta.toString());
        assertEquals("VALID", scan.get("Verdict").asText());
        assertEquals("movepass", scan.get("Service").asText());
        assertEquals(1.0, scan.get("Scans").asDouble());

        assertEquals(7.0, lines.get(1).get("TraceUnitsOpened").asDouble());
        assertEquals("Milliseconds", lines.get(2).get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0)
                .get("Unit").asText());
        assertEquals(1234.0, lines.get(2).get("CaseDuration").asDouble());
    }

    @Test
    void memoryTelemetryKeysByNameAndDimension() {
        MemoryTelemetry memory = new MemoryTelemetry();
        memory.count(Metric.SCANS, "Verdict", Verdict.VALID);
        memory.count(Metric.SCANS, "Verdict", Verdict.VALID);
        memory.count(Metric.TRACE_UNITS_CLOSED, 3);
        memory.time(Metric.CASE_DURATION, Duration.ofMillis(10));
        assertEquals(2L, memory.snapshot().get("Scans{Verdict=VALID}"));
        assertEquals(3L, memory.snapshot().get("TraceUnitsClosed"));
        assertEquals(1L, memory.snapshot().get("CaseDuration.count"));
        assertEquals(10L, memory.snapshot().get("CaseDuration.totalMs"));
    }
}
