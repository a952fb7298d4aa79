package vn.movepass.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The child side of the cold-start bench, run in a fresh JVM whose classpath is a function's unpacked Lambda zip
 * (root + lib/*) plus this class. It uses nothing of infra/local: only what the zip carries.
 *
 * <ul>
 *   <li>{@code function HANDLER_CLASS METHOD PATH ROLE CALLS_FILE}: builds the handler as Lambda does (no-arg
 *       constructor, so Platform.fromSystem()), sends it one event (with the JWT claims of an official in ROLE at
 *       checkpoint CP-BENCH-001 unless ROLE is "-"), prints {@code ANSWER <status>}, and writes
 *       every SDK call the answer took (service, operation, JSON body) to CALLS_FILE;</li>
 *   <li>{@code bare CALLS_FILE}: builds the same SDK clients (URLConnection client, AWS_ENDPOINT_URL) and makes
 *       the same calls, rebuilt from their JSON bodies, then prints {@code ANSWER <calls>}.</li>
 * </ul>
 * Recording uses the SDK's global interceptor hook (software/amazon/awssdk/global/handlers/execution.interceptors,
 * which the bench writes next to this class).
 */
public final class ColdStartProbe {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final String CHECKPOINT = "CP-BENCH-001";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        switch (args[0]) {
            case "function" -> {
                Object handler = Class.forName(args[1]).getConstructor().newInstance();
                Object answer = invoke(handler, args[2], args[3], args[4]);
                out.println("ANSWER " + answer);
                out.flush();
                Files.write(Path.of(args[5]), CALLS);
            }
            case "bare" -> {
                int calls = replay(Files.readAllLines(Path.of(args[1])));
                out.println("ANSWER " + calls);
                out.flush();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(Object handler, String method, String path, String role) {
        RequestHandler raw = (RequestHandler) handler;
        Class<?> input = inputType(handler.getClass());
        if (input == APIGatewayV2HTTPEvent.class) {
            boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
            var event = APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey(method + " " + path)
                    .withRawPath(path)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withPathParameters(pathParameters(path))
                    .withBody(hasBody ? "{}" : null)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                    .withPath(path).build())
                            .withAuthorizer(role.equals("-") ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                            .withClaims(Map.of("sub", "bench", "role", role, "checkpoint_id", CHECKPOINT))
                                            .build()).build())
                            .withRequestId("bench").build())
                    .build();
            APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) raw.handleRequest(event, CONTEXT);
            return response.getStatusCode();
        }
        if (input == SQSEvent.class) {
            SQSEvent event = new SQSEvent();
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("bench");
            message.setBody("{}");
            event.setRecords(List.of(message));
            return String.valueOf(raw.handleRequest(event, CONTEXT));
        }
        return String.valueOf(raw.handleRequest(Map.of(), CONTEXT));
    }

    private static Map<String, String> pathParameters(String path) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("\\{([^}+]+)\\+?}").matcher(path);
        while (m.find()) {
            params.put(m.group(1), m.group(1).equals("checkpointId") ? CHECKPOINT : "AAAAAAAAAAAAAAAAAAAAAA");
        }
        return params;
    }

    private static Class<?> inputType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (var t : c.getGenericInterfaces()) {
                if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> k) {
                    return k;
                }
            }
        }
        return Object.class;
    }

    // ------------------------------------------------------------------ bare replay

    private static int replay(List<String> calls) throws Exception {
        URI endpoint = Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")).map(URI::create).orElse(null);
        DynamoDbClient dynamo = null;
        SqsClient sqs = null;
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        // the function's Platform builds its DynamoDB client at init whatever it then calls
        var dynamoBuilder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            dynamoBuilder.endpointOverride(endpoint);
        }
        dynamo = dynamoBuilder.build();
        int made = 0;
        for (String line : calls) {
            String[] parts = line.split(" ", 3);
            String service = parts[0];
            String operation = parts[1];
            String body = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            Object client;
            String modelPackage;
            if (service.equals("DynamoDB")) {
                if (dynamo == null) {
                    var b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
                    if (endpoint != null) {
                        b.endpointOverride(endpoint);
                    }
                    dynamo = b.build();
                }
                client = dynamo;
                modelPackage = "software.amazon.awssdk.services.dynamodb.model.";
            } else if (service.equals("SQS")) {
                if (sqs == null) {
                    var b = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
                    if (endpoint != null) {
                        b.endpointOverride(endpoint);
                    }
                    sqs = b.build();
                }
                client = sqs;
                modelPackage = "software.amazon.awssdk.services.sqs.model.";
            } else {
                continue;
            }
            Class<?> requestType = Class.forName(modelPackage + operation + "Request");
            Class<?> builderType = (Class<?>) requestType.getMethod("serializableBuilderClass").invoke(null);
            Object builder = json.readValue(dynamoJsonToBuilderJson(body), builderType);
            Object request = builderType.getMethod("build").invoke(builder);
            String methodName = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
            try {
                client.getClass().getMethod(methodName, requestType).invoke(client, request);
            } catch (java.lang.reflect.InvocationTargetException e) {
                // a refused call (e.g. a failed condition) is still the same round trip
            }
            made++;
        }
        return made;
    }

    /** DynamoDB's wire names that differ from the SDK builders' property names. */
    private static String dynamoJsonToBuilderJson(String body) {
        return body.replace("\"NULL\":", "\"NUL\":");
    }

    // ------------------------------------------------------------------ recording

    /** Registered through the SDK's global execution.interceptors resource. */
    public static final class Recorder implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       ExecutionAttributes attributes) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            byte[] body = context.requestBody().map(ColdStartProbe::bytes).orElse(new byte[0]);
            CALLS.add(service + " " + operation + " " + Base64.getEncoder().encodeToString(body));
        }

        @Override
        public SdkRequest modifyRequest(software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
                                        ExecutionAttributes attributes) {
            return context.request();
        }
    }

    private static byte[] bytes(RequestBody body) {
        try (var in = body.contentStreamProvider().newStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private static final Context CONTEXT = new Context() {
        @Override
        public String getAwsRequestId() {
            return "bench";
        }

        @Override
        public String getLogGroupName() {
            return "bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:ap-southeast-1:000000000000:function:bench";
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    };
}
