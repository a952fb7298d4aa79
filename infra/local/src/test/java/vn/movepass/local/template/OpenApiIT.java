package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.SharedRuntime;

/** The runtime serves the OpenAPI document (that it names every route: {@link OpenApiTest}). */
@SharedRuntime
class OpenApiIT {
    @Test
    void theRuntimeServesIt(Api api) {
        Api.Answer a = api.get("/openapi.yaml");
        assertEquals(200, a.status());
        assertTrue(a.text().startsWith("openapi: 3.1.0"));
    }
}
