package vn.movepass.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
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
import java.util.Properties;
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
 *   <li>{@code function HANDLER_CLASS EVENT_FILE CALLS_FILE}: builds the handler as Lambda does (no-arg constructor, so
 *       Platform.fromSystem()), sends it the event the bench prepared (a properties file: an HTTP API request with the
 *       authorizer's claims, an SQS batch, or a scheduler's input map), prints {@code ANSWER <status>} and
 *       {@code SUCCESS true|false} (2xx and the body the bench expects; an SQS batch with no failures), and writes
 *       every SDK call the answer took (service, operation, body) to CALLS_FILE;</li>
 *   <li>{@code bare CALLS_FILE}: builds the same SDK clients (URLConnection client, AWS_ENDPOINT_URL) and makes
 *       the same calls, rebuilt from their bodies, then prints {@code ANSWER <calls>}.</li>
 * </ul>
 * Recording uses the SDK's global interceptor hook (software/amazon/awssdk/global/handlers/execution.interceptors,
 * which the bench writes next to this class). The event file is read with {@link Properties}, which the JVM has
 * loaded anyway, so that neither side pays for parsing it.
 */
public final class ColdStartProbe {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Set by the function side only: the bare side has the same classpath (one CDS archive fits both) but records nothing. */
    static volatile boolean recording;
    /**
     * The bare side's time spent rebuilding the requests from their recorded JSON (Jackson over the SDK's builders):
     * a program written for those calls builds them in code, so the bench takes it off the bare figure.
     */
    static long rebuildNanos;

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        switch (args[0]) {
            case "function" -> {
                recording = true;
                Properties event = new Properties();
                try (var in = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
                    event.load(in);
                }
                Object handler = Class.forName(args[1]).getConstructor().newInstance();
                if (args.length > 4) {
                    restore("primed".equals(args[4]), out);
                }
                String[] answer = invoke(handler, event);
                out.println("ANSWER " + answer[0]);
                out.println("SUCCESS " + answer[1]);
                if (!Boolean.parseBoolean(answer[1])) {
                    out.println("DETAIL " + answer[2].replace('\n', ' '));
                }
                out.flush();
                Files.write(Path.of(args[3]), CALLS);
            }
            case "bare" -> {
                int calls = replay(Files.readAllLines(Path.of(args[1])), args.length > 2 ? out : null);
                out.println("REBUILT " + rebuildNanos / 1_000_000);
                out.println("ANSWER " + calls);
                out.flush();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        // a function may leave a non-daemon pool behind (Lambda freezes the process instead of ending it)
        System.exit(0);
    }

    /**
     * A SnapStart restore, emulated: Lambda snapshots the JVM once the handler is built, after running the CRaC resources'
     * beforeCheckpoint (our {@code Priming}, when {@code primed}: its afterRestore does nothing); the parent times the
     * first invocation from the {@code RESTORED} line. The restore itself (Lambda's, about 100 ms or more) is not here.
     */
    private static void restore(boolean primed, PrintStream out) throws Exception {
        if (primed) {
            vn.movepass.shared.config.Priming.primeRegistered();
            CALLS.clear(); // the priming's calls stop before they are sent: not the request's
        }
        out.println("RESTORED");
        out.flush();
    }

    /** Status, success and (for a failure) what came back. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String[] invoke(Object handler, Properties e) {
        RequestHandler raw = (RequestHandler) handler;
        String expect = e.getProperty("expect");
        switch (e.getProperty("kind")) {
            case "http" -> {
                String method = e.getProperty("method");
                String path = e.getProperty("path");
                String query = e.getProperty("query");
                String body = e.getProperty("body");
                APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                        .withVersion("2.0")
                        .withRouteKey(method + " " + e.getProperty("route"))
                        .withRawPath(path)
                        .withRawQueryString(query == null ? "" : query)
                        .withQueryStringParameters(query == null ? null : prefixed(e, "query."))
                        .withHeaders(Map.of("content-type", "application/json"))
                        .withPathParameters(prefixed(e, "param."))
                        .withBody(body)
                        .withIsBase64Encoded(false)
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                        .withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                                .withAuthorizer(!e.containsKey("claim.sub") ? null
                                        : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                                .withClaims(prefixed(e, "claim.")).build()).build())
                                .withRequestId("bench").build())
                        .build();
                APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) raw.handleRequest(event, CONTEXT);
                String text = response.getBody() == null ? "" : response.getBody();
                boolean ok = response.getStatusCode() / 100 == 2 && (expect == null || text.contains(expect));
                return new String[] {String.valueOf(response.getStatusCode()), String.valueOf(ok), abbreviate(text)};
            }
            case "sqs" -> {
                SQSEvent event = new SQSEvent();
                List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
                for (int i = 0; e.containsKey("body." + i); i++) {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId("bench-" + i);
                    message.setBody(e.getProperty("body." + i));
                    message.setEventSource("aws:sqs");
                    message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                    records.add(message);
                }
                event.setRecords(records);
                Object answer = raw.handleRequest(event, CONTEXT);
                int failures = answer instanceof SQSBatchResponse b && b.getBatchItemFailures() != null
                        ? b.getBatchItemFailures().size() : 0;
                return new String[] {records.size() + " msg, " + failures + " failed", String.valueOf(failures == 0 && !records.isEmpty()),
                        String.valueOf(answer)};
            }
            default -> {
                Object answer = raw.handleRequest(new java.util.HashMap<>(prefixed(e, "in.")), CONTEXT);
                String text = String.valueOf(answer);
                boolean ok = expect == null || java.util.regex.Pattern.compile(expect).matcher(text).find();
                return new String[] {"done", String.valueOf(ok), abbreviate(text)};
            }
        }
    }

    private static Map<String, String> prefixed(Properties e, String prefix) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : e.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), e.getProperty(name));
            }
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    // ------------------------------------------------------------------ bare replay

    /** Makes the recorded calls; with {@code restored} set, says RESTORED there once the DynamoDB client is built. */
    private static int replay(List<String> calls, PrintStream restored) throws Exception {
        URI endpoint = Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")).map(URI::create).orElse(null);
        DynamoDbClient dynamo = null;
        SqsClient sqs = null;
        long mapper = System.nanoTime();
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        rebuildNanos += System.nanoTime() - mapper;
        // the function's Platform builds its DynamoDB client at init whatever it then calls
        var dynamoBuilder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            dynamoBuilder.endpointOverride(endpoint);
        }
        dynamo = dynamoBuilder.build();
        if (restored != null) {
            restored.println("RESTORED");
            restored.flush();
        }
        int made = 0;
        for (String line : calls) {
            String[] parts = line.split(" ", 3);
            String service = parts[0];
            String operation = parts[1];
            String body = service.equalsIgnoreCase("S3") ? "" : new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            Object client;
            String modelPackage;
            if (service.equalsIgnoreCase("DynamoDB")) {
                if (dynamo == null) {
                    var b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
                    if (endpoint != null) {
                        b.endpointOverride(endpoint);
                    }
                    dynamo = b.build();
                }
                client = dynamo;
                modelPackage = "software.amazon.awssdk.services.dynamodb.model.";
            } else if (service.equalsIgnoreCase("SQS")) {
                if (sqs == null) {
                    var b = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
                    String own = System.getenv("SQS_ENDPOINT_URL");
                    if (own != null || endpoint != null) {
                        b.endpointOverride(own != null ? URI.create(own) : endpoint);
                    }
                    sqs = b.build();
                }
                client = sqs;
                modelPackage = "software.amazon.awssdk.services.sqs.model.";
            } else if (service.equalsIgnoreCase("S3")) {
                S3Replay.call(endpoint(), parts[1], parts[2].split(" ", -1));
                made++;
                continue;
            } else {
                throw new IllegalStateException(service + " " + operation + " not replayed"); // the SDK names it "DynamoDb", "Sqs"
            }
            long rebuild = System.nanoTime();
            Class<?> requestType = Class.forName(modelPackage + operation + "Request");
            Class<?> builderType = (Class<?>) requestType.getMethod("serializableBuilderClass").invoke(null);
            Object builder = json.readValue(dynamoJsonToBuilderJson(body), builderType);
            // the builder's class is package-private: build through its public interface
            Object request = ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
            rebuildNanos += System.nanoTime() - rebuild;
            String methodName = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
            try {
                Class<?> api = client instanceof DynamoDbClient ? DynamoDbClient.class : SqsClient.class; // the public interface
                api.getMethod(methodName, requestType).invoke(client, request);
            } catch (java.lang.reflect.InvocationTargetException e) {
                // a refused call (a failed condition) is still the same round trip; a client-side failure is not
                if (!(e.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException)) {
                    throw e;
                }
            }
            made++;
        }
        return made;
    }

    private static URI endpoint() {
        String s3 = System.getenv("S3_ENDPOINT_URL");
        return URI.create(s3 != null ? s3 : System.getenv("AWS_ENDPOINT_URL"));
    }

    /**
     * S3 calls (the export's), as the function's Platform builds its S3 client on this machine (path style, the
     * S3 endpoint); a class of its own so that replaying the other functions' calls never loads the S3 SDK.
     */
    static final class S3Replay {
        private static software.amazon.awssdk.services.s3.S3Client s3;

        static void call(URI endpoint, String operation, String[] fields) {
            if (s3 == null) {
                s3 = software.amazon.awssdk.services.s3.S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                        .endpointOverride(endpoint).forcePathStyle(true)
                        .region(software.amazon.awssdk.regions.Region.AP_SOUTHEAST_1)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                        .build();
            }
            var d = Base64.getDecoder();
            String bucket = new String(d.decode(fields[0]), StandardCharsets.UTF_8);
            String key = new String(d.decode(fields[1]), StandardCharsets.UTF_8);
            String prefix = new String(d.decode(fields[2]), StandardCharsets.UTF_8);
            byte[] body = d.decode(fields[3]);
            switch (operation) {
                case "PutObject" -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                case "DeleteObject" -> s3.deleteObject(b -> b.bucket(bucket).key(key));
                case "ListObjectsV2" -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix));
                case "GetObject" -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                case "HeadObject" -> s3.headObject(b -> b.bucket(bucket).key(key));
                default -> throw new IllegalStateException("S3 " + operation + " not replayed");
            }
        }
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
            if (!recording) {
                return;
            }
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            byte[] body = context.requestBody().map(ColdStartProbe::bytes).orElse(new byte[0]);
            var b64 = Base64.getEncoder();
            if ("S3".equalsIgnoreCase(service)) {
                // a REST call: the bucket, key and prefix are in the URL, not the body
                SdkRequest r = context.request();
                CALLS.add(service + " " + operation + " " + String.join(" ", List.of("Bucket", "Key", "Prefix").stream()
                        .map(f -> b64.encodeToString(r.getValueForField(f, String.class).orElse("").getBytes(StandardCharsets.UTF_8)))
                        .toList()) + " " + b64.encodeToString(body));
                return;
            }
            CALLS.add(service + " " + operation + " " + b64.encodeToString(body));
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
