package vn.movepass.shared.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.json.Json;

class HttpRoutesTest {
    private static final String CITIZEN_ID = "079201001234";

    /** The Lambda context of one invocation, as the runtime passes it. */
    static Context context(String requestId) {
        return new Context() {
            public String getAwsRequestId() {
                return requestId;
            }

            public String getLogGroupName() {
                return "/aws/lambda/fn";
            }

            public String getLogStreamName() {
                return "stream";
            }

            public String getFunctionName() {
                return "DeclarationSubmitFunction";
            }

            public String getFunctionVersion() {
                return "7";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:ap-southeast-1:000000000000:function:DeclarationSubmitFunction:live";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return 10_000;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }

    @Test
    void aFailureLogsOneJsonLineWithTheInvocationAndTheRequestsCorrelationIdAndNoCitizenData() {
        HttpRoutes routes = HttpRoutes.builder().post("/v1/declarations", request -> {
            throw new IllegalStateException("no resident " + CITIZEN_ID);
        }).build();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/declarations")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("api-req-1").build()).build();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = routes.handle(event, context("lambda-req-1")).getStatusCode();
        } finally {
            System.setOut(out);
        }
        assertTrue(status == 500, "status " + status);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.startsWith("{")) {
                lines.add(Json.readTree(line));
            }
        }
        JsonNode failure = lines.stream().filter(l -> "ERROR".equals(l.path("level").asText())).findFirst().orElseThrow(
                () -> new AssertionError("no ERROR line in " + captured));
        assertTrue("api-req-1".equals(failure.path("correlation_id").asText()), failure.toString());
        assertTrue("lambda-req-1".equals(failure.path("function_request_id").asText()), failure.toString());
        assertTrue("DeclarationSubmitFunction".equals(failure.path("function_name").asText()), failure.toString());
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains(CITIZEN_ID), captured.toString());
    }

    @Test
    void aFailureIsLoggedByTypeAndFramesWithoutItsMessages() {
        var cause = new UncheckedIOException("reading " + CITIZEN_ID, new java.io.IOException("Nguyễn Văn A"));
        var failure = new IllegalStateException("no resident " + CITIZEN_ID, cause);
        failure.addSuppressed(new RuntimeException(CITIZEN_ID));

        String logged = HttpRoutes.withoutMessages(failure);

        assertTrue(logged.startsWith(IllegalStateException.class.getName()), logged);
        assertTrue(logged.contains("Caused by: " + UncheckedIOException.class.getName()), logged);
        assertTrue(logged.contains("Caused by: java.io.IOException"), logged);
        assertTrue(logged.contains("\tat " + HttpRoutesTest.class.getName()), "the frames are kept: " + logged);
        assertFalse(logged.contains(CITIZEN_ID), logged);
        assertFalse(logged.contains("Nguyễn"), logged);
    }

    @Test
    void aLongTraceIsCutAndACycleEnds() {
        var failure = new RuntimeException("x");
        var cause = new RuntimeException("y");
        failure.initCause(cause);
        cause.initCause(failure);
        StackTraceElement frame = new StackTraceElement("a.B", "m", "B.java", 1);
        StackTraceElement[] frames = new StackTraceElement[HttpRoutes.MAX_FRAMES + 5];
        java.util.Arrays.fill(frames, frame);
        failure.setStackTrace(frames);

        String logged = HttpRoutes.withoutMessages(failure);

        assertTrue(logged.contains("\t... 5 more" + System.lineSeparator() + "Caused by: "), logged);
        assertTrue(logged.indexOf("Caused by: ") == logged.lastIndexOf("Caused by: "), "each exception once: " + logged);
    }
}
