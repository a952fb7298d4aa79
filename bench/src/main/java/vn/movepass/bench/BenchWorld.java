package vn.movepass.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * What the ratio and load benches start from: an in-memory runtime with the demo registry and checkpoints, a living
 * resident to declare as, and an officer of the first demo checkpoint. Requests go to the real handlers through
 * {@link vn.movepass.local.gateway.Gateway#invoke} (no socket) or over HTTP on loopback.
 */
final class BenchWorld implements AutoCloseable {
    static final Map<String, String> JSON = Map.of("content-type", "application/json");

    final LocalRuntime runtime;
    final Resident resident;
    final String checkpointId = DemoData.firstCheckpoint();
    /** The claims the JWT authorizer hands to the function for the checkpoint's officer. */
    final Map<String, String> officerClaims;
    final byte[] declarationBody;

    private BenchWorld(LocalRuntime runtime, Resident resident) {
        this.runtime = runtime;
        this.resident = resident;
        this.officerClaims = Map.of("sub", "bench-officer", "role", "CHECKPOINT_OFFICER", "checkpoint_id", checkpointId);
        this.declarationBody = Json.write(DemoData.declaration(resident,
                Times.vietnamDate(runtime.clock().instant()).plusDays(1))).getBytes(StandardCharsets.UTF_8);
    }

    static BenchWorld start(LocalRuntime.Options options) throws Exception {
        LocalRuntime runtime = LocalRuntime.start(options.withWebRoot(null));
        try {
            return new BenchWorld(runtime, DemoData.seed(runtime).get(0));
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    /** A bearer token for the officer (for requests over HTTP). */
    String officerToken() {
        return runtime.issuer().mint(officerClaims.get("sub"),
                Map.of("role", officerClaims.get("role"), "checkpoint_id", checkpointId));
    }

    /** The scans route of the checkpoint. */
    String scansPath() {
        return "/v1/checkpoints/" + checkpointId + "/scans";
    }

    static byte[] scanBody(String code, boolean record) {
        return Json.write(Json.object().put("code", code).put("direction", "IN").put("record", record))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A declaration through the handler; its answer's {@code pass} (passId, token, shortCode…). */
    JsonNode declare() {
        APIGatewayV2HTTPResponse r = expect(201, runtime.gateway().invoke("POST", "/v1/declarations", null, JSON,
                declarationBody, null), "declaration");
        return Json.readTree(r.getBody()).get("pass");
    }

    /** The answer, or an exception naming the operation when its status is not the expected one. */
    static APIGatewayV2HTTPResponse expect(int status, APIGatewayV2HTTPResponse r, String what) {
        if (r.getStatusCode() != status) {
            throw new IllegalStateException(what + " answered " + r.getStatusCode() + ": " + r.getBody());
        }
        return r;
    }

    /** Items of PassagesTable (a COUNT scan). */
    long passagesStored() {
        String table = runtime.provisioned().tableName("PassagesTable");
        long n = 0;
        for (var page : runtime.dynamo().scanPaginator(r -> r.tableName(table)
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
            n += page.count();
        }
        return n;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
