package vn.movepass.local.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;

/** A restart on the same data dir keeps declarations, passes and the keys that signed them. */
@FreshRuntime("a restart on the same data dir")
class RestartIT {
    @TempDir
    Path dataDir;

    @Test
    void passesSurviveARestart() {
        JsonNode pass;
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir)))) {
            Registry.load(api);
            Api.Answer a = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
            assertEquals(201, a.status(), a.text());
            pass = a.json().get("pass");
        }
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir)))) {
            JsonNode view = api.get("/v1/passes/" + pass.get("passId").asText()).json();
            assertEquals("VALID", view.get("status").asText());
            assertEquals(pass.get("token").asText(), view.get("token").asText());
            Api.Answer scan = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", pass.get("token").asText(), "direction", "IN"),
                    api.officer("CP-A"));
            assertEquals("VALID", scan.json().get("verdict").asText(), scan.text());
            assertEquals(1, api.runtime.dynamo().scan(b -> b.tableName(
                    api.runtime.provisioned().tableName("DeclarationsTable"))).count());
        }
    }
}
