package vn.movepass.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.local.template.CfnYaml;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.ParameterDef;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.SqsEventDef;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.template.ValueResolver;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;

/**
 * template.yaml against the code, for every function it declares (present or added later):
 * <ul>
 *   <li>the handler class exists in the module its CodeUri names and implements RequestHandler for its events;</li>
 *   <li>every environment variable the function reads while it initialises (the fail-fast reads, through
 *       {@link Environment}) is set in the template;</li>
 *   <li>every table, queue or bucket such a variable names is defined and granted to the function, and every one
 *       granted (policies, SQS event sources) is one it uses;</li>
 *   <li>tables have point-in-time recovery and encryption, queues a DLQ, SQS events ReportBatchItemFailures;</li>
 *   <li>the function's zip, when built, has the classes at the root, jars in lib/, no netty or Apache HTTP
 *       client, and is at most 10 MB.</li>
 * </ul>
 * What a function reads is observed, not declared: each handler is built through its Platform constructor over
 * an environment that records the keys asked for (no network: clients point at a closed port).
 */
class TemplateConsistencyTest {
    static {
        // Lambda always sets AWS_REGION; clients that a function builds from the default chain need it here too
        if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "ap-southeast-1");
        }
    }
    static final long MAX_ZIP_BYTES = 12L * 1024 * 1024;
    /** Read by Platform.fromSystem() only, and deliberately unset in AWS. */
    static final Set<String> UNSET_IN_AWS = Set.of(EnvKey.AWS_ENDPOINT_URL.name(), EnvKey.S3_ENDPOINT_URL.name(),
            EnvKey.SQS_ENDPOINT_URL.name());
    static final Set<String> DATA_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket");
    static final Pattern SUB_VAR = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    static final Path ROOT = projectRoot();
    static final Map<String, Object> RAW = CfnYaml.read(ROOT.resolve("template.yaml"));
    static final TemplateModel MODEL = SamTemplate.fromMap(RAW);

    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionMatchesItsCode() {
        assertFalse(MODEL.functions().isEmpty(), "the template declares no function");
        return MODEL.functions().stream().flatMap(f -> Stream.of(
                dynamicTest(f.logicalId() + ": handler class, module and event type", () -> handlerMatches(f)),
                dynamicTest(f.logicalId() + ": environment read is set, resources used are granted and vice versa",
                        () -> environmentAndGrants(f)),
                dynamicTest(f.logicalId() + ": zip layout and size", () -> zip(f))));
    }

    // ------------------------------------------------------------------ handler

    static void handlerMatches(FunctionDef f) throws Exception {
        String module = moduleOf(f);
        Path source = ROOT.resolve("functions").resolve(module).resolve("src/main/java")
                .resolve(f.handlerClass().replace('.', '/') + ".java");
        assertTrue(Files.isRegularFile(source), f.logicalId() + ": " + f.handlerClass() + " is not in functions/" + module);
        assertTrue(Files.readString(ROOT.resolve("functions").resolve(module).resolve("pom.xml"))
                        .contains("<artifactId>" + module + "</artifactId>"),
                "functions/" + module + "/pom.xml must have artifactId " + module + " so that its zip is " + module + ".zip");
        assertEquals("handleRequest", f.handlerMethod() == null ? "handleRequest" : f.handlerMethod(), f.logicalId());

        Class<?> type = Class.forName(f.handlerClass());
        type.getConstructor(); // what Lambda calls
        type.getConstructor(Platform.class); // what the local runtime calls
        Type[] io = requestHandlerTypes(type);
        if (io == null) {
            fail(f.handlerClass() + " does not implement RequestHandler<I, O>");
        }
        boolean http = !f.httpEvents().isEmpty();
        boolean sqs = !f.sqsEvents().isEmpty();
        assertFalse(http && sqs, f.logicalId() + " takes both HTTP and SQS events: one function, one event type");
        if (http) {
            assertEquals(APIGatewayV2HTTPEvent.class, io[0], f.logicalId() + " is routed from the HTTP API");
            assertEquals(APIGatewayV2HTTPResponse.class, io[1], f.logicalId() + " answers the HTTP API");
        }
        if (sqs) {
            assertEquals(SQSEvent.class, io[0], f.logicalId() + " consumes a queue");
            assertEquals(SQSBatchResponse.class, io[1], f.logicalId() + " reports batch item failures");
        }
    }

    static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return null;
    }

    static String moduleOf(FunctionDef f) {
        String uri = f.codeUri();
        Matcher m = Pattern.compile("functions/([a-z0-9-]+)/target/([a-z0-9-]+)\\.zip").matcher(uri == null ? "" : uri);
        assertTrue(m.matches(), f.logicalId() + ".CodeUri must be functions/<module>/target/<module>.zip, got " + uri);
        assertEquals(m.group(1), m.group(2), f.logicalId() + ".CodeUri: the zip is named after its module");
        return m.group(1);
    }

    // ------------------------------------------------------------------ environment and grants

    static void environmentAndGrants(FunctionDef f) throws Exception {
        Map<String, String> env = resolvedEnvironment(f);
        Set<String> read = new TreeSet<>();
        Environment recording = Environment.from(name -> {
            read.add(name);
            return env.get(name);
        });
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("consistency", "consistency"));
        URI closed = URI.create("http://127.0.0.1:9");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(closed).region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(credentials).httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .build();
             SqsClient sqs = SqsClient.builder().endpointOverride(closed).region(Region.AP_SOUTHEAST_1)
                     .credentialsProvider(credentials)
                             .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            Platform platform = new Platform(recording, Clock.systemUTC(), IdSource.secure(), dynamo, sqs);
            try {
                Class.forName(f.handlerClass()).getConstructor(Platform.class).newInstance(platform);
            } catch (java.lang.reflect.InvocationTargetException e) {
                fail(f.logicalId() + " did not initialise with the template's environment (read " + read + "): "
                        + e.getCause(), e.getCause());
            }
        }
        Set<String> unset = new TreeSet<>();
        for (String key : read) {
            if (!env.containsKey(key) && !UNSET_IN_AWS.contains(key)) {
                unset.add(key);
            }
        }
        assertEquals(Set.of(), unset, f.logicalId() + " reads environment variables the template does not set");

        Map<String, Object> rawEnv = f.environment();
        Set<String> used = new TreeSet<>();
        for (String key : read) {
            for (String id : referencedIds(rawEnv.get(key))) {
                if (isData(MODEL.resourceTypes().get(id))) {
                    used.add(id);
                }
            }
        }
        Set<String> consumed = new TreeSet<>();
        for (SqsEventDef e : f.sqsEvents()) {
            assertTrue("AWS::SQS::Queue".equals(MODEL.resourceTypes().get(e.queueLogicalId())),
                    f.logicalId() + "." + e.name() + " names an undefined queue " + e.queueLogicalId());
            consumed.add(e.queueLogicalId());
        }
        used.addAll(consumed);

        Set<String> granted = new TreeSet<>(consumed); // SAM grants an SQS event source its queue
        Map<String, Object> props = properties(f.logicalId());
        Object policies = props.get("Policies");
        for (String id : referencedIds(policies)) {
            String type = MODEL.resourceTypes().get(id);
            if (type == null && !MODEL.parameters().containsKey(id) && !id.startsWith("AWS::")) {
                fail(f.logicalId() + ".Policies names " + id + ", which the template does not define");
            }
            if (isData(type)) {
                granted.add(id);
            }
        }
        if (policies instanceof String || policies instanceof List<?> l && l.stream().anyMatch(p -> p instanceof String)) {
            fail(f.logicalId() + ".Policies: managed policies grant more than the function's own resources");
        }
        Set<String> notGranted = new TreeSet<>(used);
        notGranted.removeAll(granted);
        Set<String> notUsed = new TreeSet<>(granted);
        notUsed.removeAll(used);
        assertEquals(Set.of(), notGranted, f.logicalId() + " uses resources it is not granted (reads " + read + ")");
        assertEquals(Set.of(), notUsed, f.logicalId() + " is granted resources it does not use (reads " + read + ")");
    }

    static boolean isData(String type) {
        return type != null && DATA_TYPES.contains(type);
    }

    /** The function's environment (Globals then its own) resolved with stand-in names, ARNs and URLs. */
    static Map<String, String> resolvedEnvironment(FunctionDef f) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        for (ParameterDef p : MODEL.parameters().values()) {
            parameters.put(p.name(), p.defaultValue() != null ? p.defaultValue() : secret);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        MODEL.resourceTypes().forEach((id, type) -> ids.put(id,
                "AWS::SQS::Queue".equals(type) ? "http://127.0.0.1:9/000000000000/" + id : id));
        Map<String, String> refs = ValueResolver.refs(MODEL, parameters, ids, "ap-southeast-1", "000000000000");
        ValueResolver resolver = ValueResolver.forModel(MODEL, (id, attr) -> switch (attr) {
            case "Arn" -> "arn:aws:test:ap-southeast-1:000000000000:" + id;
            case "QueueUrl" -> "http://127.0.0.1:9/000000000000/" + id;
            default -> id;
        });
        Map<String, String> env = new LinkedHashMap<>();
        f.environment().forEach((k, v) -> {
            String value = resolver.resolve(v, refs);
            if (value != null) {
                env.put(k, value);
            }
        });
        return env;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) RAW.get("Resources");
        Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
        Object props = resource.get("Properties");
        return props == null ? Map.of() : (Map<String, Object>) props;
    }

    /** Logical ids (and parameters) named by Ref, Fn::GetAtt or Fn::Sub anywhere in a raw value. */
    static Set<String> referencedIds(Object raw) {
        Set<String> out = new TreeSet<>();
        collect(raw, out);
        return out;
    }

    private static void collect(Object raw, Set<String> out) {
        if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = e.getValue();
                switch (String.valueOf(e.getKey())) {
                    case "Ref" -> out.add(String.valueOf(v));
                    case "Fn::GetAtt" -> {
                        String[] ga = SamTemplate.getAtt(Map.of("Fn::GetAtt", v));
                        if (ga != null) {
                            out.add(ga[0]);
                        }
                    }
                    case "Fn::Sub" -> {
                        Object text = v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
                        Matcher matcher = SUB_VAR.matcher(String.valueOf(text));
                        while (matcher.find()) {
                            out.add(matcher.group(1));
                        }
                        if (v instanceof List<?> l && l.size() > 1) {
                            collect(l.get(1), out);
                        }
                    }
                    default -> collect(v, out);
                }
            }
        } else if (raw instanceof List<?> l) {
            for (Object o : l) {
                collect(o, out);
            }
        }
    }

    // ------------------------------------------------------------------ zips

    static void zip(FunctionDef f) throws IOException {
        Path zip = ROOT.resolve(f.codeUri());
        Assumptions.assumeTrue(Files.isRegularFile(zip), f.codeUri() + " not built (mvn package builds it): skipped");
        long size = Files.size(zip);
        long max = maxZipBytes(moduleOf(f));
        assertTrue(size <= max, f.codeUri() + " is " + size + " bytes, over " + max);
        List<String> jars = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertTrue(z.getEntry(f.handlerClass().replace('.', '/') + ".class") != null,
                    f.codeUri() + ": the handler class is not at the root");
            for (String name : z.stream().map(ZipEntry::getName).toList()) {
                if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    jars.add(name.substring(4));
                } else if (name.endsWith(".jar")) {
                    fail(f.codeUri() + ": a jar outside lib/: " + name);
                }
            }
        }
        assertFalse(jars.isEmpty(), f.codeUri() + " has no lib/");
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("movepass-shared-")), f.codeUri() + " lacks movepass-shared");
        List<String> banned = jars.stream().filter(j -> j.startsWith("netty") || j.startsWith("apache-client")
                || j.startsWith("apache5-client") || j.startsWith("httpclient") || j.startsWith("httpcore")).toList();
        assertEquals(List.of(), banned, f.codeUri() + " carries HTTP clients the functions do not use");
    }

    /** 12 MiB, or the lambda.zip.maxBytes a module sets in its pom (with its reason next to it), as the build does. */
    static long maxZipBytes(String module) throws IOException {
        String pom = Files.readString(ROOT.resolve("functions").resolve(module).resolve("pom.xml"));
        Matcher m = Pattern.compile("<lambda\\.zip\\.maxBytes>\\s*(\\d+)\\s*</lambda\\.zip\\.maxBytes>").matcher(pom);
        return m.find() ? Long.parseLong(m.group(1)) : MAX_ZIP_BYTES;
    }

    // ------------------------------------------------------------------ data resources

    /** Every file the export writes has its Athena table, whose columns are the file's header, in order. */
    @Test
    @SuppressWarnings("unchecked")
    void everyExportedFileHasAnAthenaTableWithItsColumns() {
        Map<String, List<String>> glue = new LinkedHashMap<>();
        ((Map<String, Object>) RAW.get("Resources")).values().forEach(r -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Glue::Table".equals(resource.get("Type"))) {
                Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) resource.get("Properties")).get("TableInput");
                List<String> columns = new ArrayList<>();
                for (Object c : (List<Object>) ((Map<String, Object>) input.get("StorageDescriptor")).get("Columns")) {
                    columns.add((String) ((Map<String, Object>) c).get("Name"));
                }
                glue.put((String) input.get("Name"), columns);
            }
        });
        assertEquals(vn.movepass.shared.export.ExportService.TABLES, glue);
    }

    @Test
    void tablesAreRecoverableAndEncryptedQueuesHaveDlqsSqsEventsReportItemFailures() {
        Set<String> deadLetterTargets = new TreeSet<>();
        MODEL.queues().forEach(q -> {
            if (q.deadLetterLogicalId() != null) {
                deadLetterTargets.add(q.deadLetterLogicalId());
            }
        });
        MODEL.resourceTypes().forEach((id, type) -> {
            Map<String, Object> p = properties(id);
            if ("AWS::DynamoDB::Table".equals(type)) {
                assertEquals("true", String.valueOf(((Map<?, ?>) p.getOrDefault("PointInTimeRecoverySpecification", Map.of()))
                        .get("PointInTimeRecoveryEnabled")), id + " has no point-in-time recovery");
                assertEquals("true", String.valueOf(((Map<?, ?>) p.getOrDefault("SSESpecification", Map.of()))
                        .get("SSEEnabled")), id + " is not encrypted with a KMS key");
            }
            if ("AWS::SQS::Queue".equals(type)) {
                assertTrue(p.containsKey("RedrivePolicy") || deadLetterTargets.contains(id),
                        id + " has no dead-letter queue (and is none)");
            }
        });
        for (FunctionDef f : MODEL.functions()) {
            for (SqsEventDef e : f.sqsEvents()) {
                assertTrue(e.reportBatchItemFailures(), f.logicalId() + "." + e.name() + " lacks ReportBatchItemFailures");
            }
        }
    }
}
