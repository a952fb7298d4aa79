package vn.movepass.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.local.dev.DevClock;
import vn.movepass.local.dev.DevEndpoints;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.embedded.EmbeddedDynamo;
import vn.movepass.local.embedded.InProcessDynamo;
import vn.movepass.local.embedded.EmbeddedS3;
import vn.movepass.local.embedded.EmbeddedSqs;
import vn.movepass.local.embedded.AwsAccess;
import vn.movepass.local.embedded.Provisioned;
import vn.movepass.local.embedded.Provisioner;
import vn.movepass.local.embedded.SqsPoller;
import vn.movepass.local.gateway.Gateway;
import vn.movepass.local.gateway.LocalIssuer;
import vn.movepass.local.gateway.RouteTable;
import vn.movepass.local.gateway.StaticSite;
import vn.movepass.local.schedule.ScheduleRunner;
import vn.movepass.local.template.BucketDef;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.HttpEventDef;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.SqsEventDef;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.template.ValueResolver;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.notice.NoticeService;

/**
 * Everything of {@code template.yaml} on one machine: DynamoDB Local and ElasticMQ in this JVM, every
 * table and queue the template declares, every function's real handler class behind a local HTTP
 * gateway. Nothing is wired per function: the template is read and followed.
 */
public final class LocalRuntime implements AutoCloseable {
    static {
        LocalLogging.configure(); // before the first logger
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    public static final String REGION = "ap-southeast-1";
    public static final String ACCOUNT = "000000000000";

    /** How to start. {@code dataDir} null means in memory. */
    public record Options(int port, Path dataDir, Path template, Path webRoot, List<ExecutionInterceptor> dynamoInterceptors,
                          List<ExecutionInterceptor> sqsInterceptors, int gatewayThreads, int pollerThreads,
                          Duration visibilityTimeout, Map<String, String> parameters, List<ExecutionInterceptor> s3Interceptors,
                          List<ExecutionInterceptor> dynamoObservers) {
        public static Options inMemory() {
            return new Options(0, null, null, defaultWebRoot(), List.of(), List.of(), 32, 2, null, Map.of(), List.of(), List.of());
        }

        /** Interceptors of the functions' S3 clients (the capacity bench counts their requests). */
        public Options withS3Interceptors(List<ExecutionInterceptor> interceptors) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, List.copyOf(interceptors), dynamoObservers);
        }

        public Options withPort(int p) {
            return new Options(p, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        public Options withDataDir(Path dir) {
            return new Options(port, dir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        public Options withTemplate(Path file) {
            return new Options(port, dataDir, file, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        public Options withWebRoot(Path dir) {
            return new Options(port, dataDir, template, dir, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        /**
         * Interceptors of the functions' DynamoDB calls. With any, the functions' client is the SDK's over HTTP (its
         * retries and HTTP hooks are what faults and counters intercept); without, they reach DynamoDB Local in
         * process ({@link InProcessDynamo}).
         */
        public Options withDynamoInterceptors(List<ExecutionInterceptor> interceptors) {
            return new Options(port, dataDir, template, webRoot, List.copyOf(interceptors), sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        /**
         * Observers of the functions' DynamoDB calls (their {@code beforeExecution} only: benches record the requests an
         * operation or a trace made, to replay them). Unlike {@link #withDynamoInterceptors} they leave the functions in
         * process ({@link InProcessDynamo}); when the functions go over HTTP anyway, they observe that shared client, so
         * the tools' calls on it too.
         */
        public Options withDynamoObservers(List<ExecutionInterceptor> observers) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, List.copyOf(observers));
        }

        /** The functions' DynamoDB calls over HTTP through the SDK, as before they went in process (benches compare). */
        public Options withFunctionsDynamoOverHttp() {
            List<ExecutionInterceptor> all = new ArrayList<>(dynamoInterceptors);
            all.add(new ExecutionInterceptor() {
            });
            return withDynamoInterceptors(all);
        }

        public Options withSqsInterceptors(List<ExecutionInterceptor> interceptors) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, List.copyOf(interceptors), gatewayThreads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        /** Threads of the HTTP gateway (requests handled at once: Lambda's concurrency of the API's functions). */
        public Options withGatewayThreads(int threads) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, threads,
                    pollerThreads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        /** Threads per queue poller (Lambda's concurrency per event source). */
        public Options withPollerThreads(int threads) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    threads, visibilityTimeout, parameters, s3Interceptors, dynamoObservers);
        }

        /** Overrides every queue's visibility timeout (tests: failed messages come back in seconds, not minutes). */
        public Options withVisibilityTimeout(Duration timeout) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, timeout, parameters, s3Interceptors, dynamoObservers);
        }

        /** Template parameter values over their defaults (as {@code sam deploy --parameter-overrides}). */
        public Options withParameters(Map<String, String> values) {
            return new Options(port, dataDir, template, webRoot, dynamoInterceptors, sqsInterceptors, gatewayThreads,
                    pollerThreads, visibilityTimeout, Map.copyOf(values), s3Interceptors, dynamoObservers);
        }

        static Path defaultWebRoot() {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("web"))) {
                    return dir.resolve("web");
                }
            }
            return null;
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private DevClock clock = new DevClock(Clock.systemUTC());
    private EmbeddedDynamo dynamoServer;
    private EmbeddedSqs sqsServer;
    private EmbeddedS3 s3Server;
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private DynamoDbClient dynamo;
    /** The functions' client: {@link #dynamo} itself, or DynamoDB Local in process on the same database. */
    private DynamoDbClient functionsDynamo;
    private SqsClient sqs;
    private Gateway gateway;
    private LocalIssuer issuer;
    private Provisioned provisioned;
    /** Which function made which DynamoDB and SQS call (for the least-privilege check). */
    private final AwsAccess access = new AwsAccess();
    private TemplateModel model;
    private final Map<String, Platform> platforms = new LinkedHashMap<>();
    private final List<SqsPoller> pollers = new ArrayList<>();
    private volatile boolean ready;
    private final Set<String> loading = ConcurrentHashMap.newKeySet();

    private LocalRuntime() {
    }

    public static LocalRuntime start(Options options) {
        return start(options, List.of());
    }

    /**
     * Starts the runtime, whose {@code /health} answers 503 LOADING (naming them) until each of {@code stillLoading}
     * is {@link #loaded}: what the caller loads once the runtime is up (demo data) is part of being ready.
     */
    public static LocalRuntime start(Options options, List<String> stillLoading) {
        LocalRuntime runtime = new LocalRuntime();
        runtime.loading.addAll(stillLoading);
        try {
            runtime.boot(options);
            return runtime;
        } catch (RuntimeException | IOException e) {
            runtime.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private void boot(Options options) throws IOException {
        long started = System.nanoTime();
        LocalSecrets secrets;
        if (options.dataDir() == null) {
            secrets = LocalSecrets.generate();
            dynamoServer = track(EmbeddedDynamo.startInMemory());
            sqsServer = track(EmbeddedSqs.startInMemory());
            s3Server = track(EmbeddedS3.startInMemory());
        } else {
            Files.createDirectories(options.dataDir());
            clock = DevClock.persistent(Clock.systemUTC(), options.dataDir().resolve("dev-clock-offset"));
            secrets = LocalSecrets.loadOrCreate(options.dataDir());
            dynamoServer = track(EmbeddedDynamo.start(options.dataDir().resolve("dynamodb")));
            sqsServer = track(EmbeddedSqs.start(options.dataDir().resolve("sqs")));
            s3Server = track(EmbeddedS3.start(options.dataDir().resolve("s3")));
        }
        SdkHttpClient http = track(AwsClients.httpClient());
        List<ExecutionInterceptor> intercepting = new ArrayList<>(options.dynamoInterceptors());
        if (!options.dynamoInterceptors().isEmpty()) {
            intercepting.addAll(options.dynamoObservers()); // the functions share this client: observe it
        }
        dynamo = track(AwsClients.dynamoDb(dynamoServer.endpoint(), http, withAccess(intercepting)));
        // the functions reach the same store in process, unless the options intercept their calls (which takes the SDK)
        List<ExecutionInterceptor> observers = new ArrayList<>(options.dynamoObservers());
        observers.add(access);
        functionsDynamo = options.dynamoInterceptors().isEmpty()
                ? InProcessDynamo.over(dynamoServer, observers, dynamo) : dynamo;
        sqs = track(AwsClients.sqs(sqsServer.endpoint(), http, withAccess(options.sqsInterceptors())));
        issuer = new LocalIssuer(secrets.issuerKey(), clock);

        model = options.template() == null ? SamTemplate.parse(packagedTemplate()) : SamTemplate.load(options.template());
        provisioned = new Provisioner(dynamo, sqs).provision(model);
        access.names(provisioned);
        if (options.visibilityTimeout() != null) {
            String seconds = Long.toString(options.visibilityTimeout().toSeconds());
            for (Provisioned.QueueInfo q : provisioned.queues().values()) {
                sqs.setQueueAttributes(r -> r.queueUrl(q.url()).attributes(
                        java.util.Map.of(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, seconds)));
            }
        }
        createBuckets(model.buckets(), http);
        access.buckets(buckets);

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Stage", "local");
        parameters.put("JwtIssuer", LocalIssuer.ISSUER);
        parameters.put("JwtAudience", LocalIssuer.AUDIENCE);
        parameters.put("PassSigningSeed", secrets.passSigningSeed());
        parameters.put("ScanKey", secrets.scanKey());
        parameters.put("PageTokenKey", secrets.pageTokenKey());
        parameters.put("ExportPseudonymSecret", secrets.exportPseudonymSecret());
        parameters.put("HealthListSecret", secrets.healthListSecret());
        parameters.putAll(options.parameters());
        Map<String, String> logicalRefs = new LinkedHashMap<>(provisioned.refs());
        logicalRefs.putAll(buckets);
        Map<String, String> refs = ValueResolver.refs(model, parameters, logicalRefs, REGION, ACCOUNT);
        ValueResolver resolver = ValueResolver.forModel(model, provisioned::getAtt);

        RouteTable<Gateway.Target> routes = new RouteTable<>();
        Map<String, Object> handlers = new LinkedHashMap<>();
        Map<String, FunctionDef> functions = new LinkedHashMap<>();
        for (FunctionDef function : model.functions()) {
            Map<String, String> env = new LinkedHashMap<>(resolver.resolveAll(function.environment(), refs));
            env.remove("JAVA_TOOL_OPTIONS");
            env.put("S3_ENDPOINT_URL", s3Server.endpoint().toString());
            env.put(EnvKey.METRICS.name(), "memory"); // GET /dev/metrics, instead of EMF lines on the console
            if (env.containsKey(EnvKey.NOTICE_CHANNEL.name())) {
                env.put(EnvKey.NOTICE_CHANNEL.name(), "outbox"); // GET /dev/outbox, instead of SMS through SNS
            }
            var s3 = ClientOverrideConfiguration.builder().addExecutionInterceptor(access);
            options.s3Interceptors().forEach(s3::addExecutionInterceptor);
            Platform platform = new Platform(Environment.of(env), clock, IdSource.secure(), functionsDynamo, sqs, s3.build());
            platforms.put(function.logicalId(), platform);
            Object handler = instantiate(function, platform);
            for (SqsEventDef event : function.sqsEvents()) {
                pollers.add(track(SqsPoller.forEvent(sqs, provisioned, function, event,
                        () -> attributed(function, sqsHandler(function, instantiate(function, platform))), options.pollerThreads())));
            }
            handlers.put(function.logicalId(), handler);
            functions.put(function.logicalId(), function);
            if (!function.httpEvents().isEmpty()) {
                var target = new Gateway.Target(function.logicalId(), function.memorySize(), function.timeout(),
                        attributed(function, httpHandler(function, handler)));
                for (HttpEventDef event : function.httpEvents()) {
                    routes.add(event.method(), event.path(), target, !event.authorizerNone());
                }
            }
        }
        var site = new StaticSite(options.webRoot());
        Map<String, String> endpoints = Map.of("dynamodb", dynamoServer.endpoint().toString(), "sqs", sqsServer.endpoint().toString(),
                "s3", s3Server.endpoint().toString());
        ScheduleRunner schedules = track(new ScheduleRunner(model.schedules(), functions, handlers, clock));
        var dev = new DevEndpoints(issuer, clock, endpoints, () -> ready, () -> List.copyOf(new TreeSet<>(loading)), schedules, site,
                day -> NoticeService.create(platforms.get("NotifyFunction")).outbox(day));
        gateway = track(new Gateway(options.port(), routes, issuer, dev, options.gatewayThreads()));
        gateway.start();
        schedules.start();
        ready = true;
        LOG.info("MovePass local runtime up on http://localhost:{} in {} ms ({} functions, {} tables, {} queues)",
                gateway.port(), (System.nanoTime() - started) / 1_000_000, model.functions().size(),
                model.tables().size(), model.queues().size());
    }

    /** Every AWS::S3::Bucket of the template, on the embedded S3 server; a Ref gives the bucket's name. */
    private void createBuckets(List<BucketDef> defs, SdkHttpClient http) {
        if (defs.isEmpty()) {
            return;
        }
        try (S3Client s3 = AwsClients.s3(s3Server.endpoint(), http)) {
            java.util.Set<String> existing = new java.util.HashSet<>();
            s3.listBuckets().buckets().forEach(b -> existing.add(b.name()));
            for (BucketDef b : defs) {
                String name = b.bucketName() instanceof String s ? s : "movepass-local-" + b.logicalId().toLowerCase(java.util.Locale.ROOT);
                if (!existing.contains(name)) {
                    s3.createBucket(r -> r.bucket(name));
                    LOG.info("Created bucket {}", name);
                }
                buckets.put(b.logicalId(), name);
            }
        }
    }

    /** Bucket names by logical id. */
    public Map<String, String> buckets() {
        return Map.copyOf(buckets);
    }

    /** The embedded S3 server's endpoint. */
    public java.net.URI s3Endpoint() {
        return s3Server.endpoint();
    }

    private static String packagedTemplate() throws IOException {
        try (InputStream in = LocalRuntime.class.getResourceAsStream("/movepass/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not packaged with the runtime; pass --template");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The handler as Lambda would build it: a constructor taking the platform, else the no-arg one. */
    private static Object instantiate(FunctionDef function, Platform platform) {
        try {
            Class<?> type = Class.forName(function.handlerClass());
            try {
                Constructor<?> withPlatform = type.getConstructor(Platform.class);
                return withPlatform.newInstance(platform);
            } catch (NoSuchMethodException e) {
                return type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + function.handlerClass() + " of " + function.logicalId()
                    + ": " + e, e);
        }
    }

    /** The handler, its AWS calls recorded as the function's ({@link AwsAccess}). */
    private static <I, O> RequestHandler<I, O> attributed(FunctionDef f, RequestHandler<I, O> handler) {
        return (input, context) -> AwsAccess.as(f.logicalId(), () -> handler.handleRequest(input, context));
    }

    private List<ExecutionInterceptor> withAccess(List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(access);
        return all;
    }

    /** Which function made which DynamoDB, SQS and S3 call since start. */
    public AwsAccess access() {
        return access;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<SQSEvent, ?> sqsHandler(FunctionDef f, Object handler) {
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalStateException(f.handlerClass() + " does not implement RequestHandler");
        }
        return (RequestHandler<SQSEvent, ?>) handler;
    }

    /** Waits until every queue is empty and no batch is in flight; false on timeout. */
    public boolean awaitQueuesIdle(Duration timeout) {
        return SqsPoller.awaitIdle(timeout, pollers);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpHandler(FunctionDef f, Object handler) {
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalStateException(f.handlerClass() + " does not implement RequestHandler");
        }
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Marks one of the start's {@code stillLoading} as done: /health answers UP once none is left. */
    public void loaded(String what) {
        loading.remove(what);
    }

    public DevClock clock() {
        return clock;
    }

    /** The local API Gateway (its {@link Gateway#invoke} calls a route's handler in-process). */
    public Gateway gateway() {
        return gateway;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    /** DynamoDB Local's endpoint, for a client of another process (a bench's load). */
    public java.net.URI dynamoEndpoint() {
        return dynamoServer.endpoint();
    }

    /** What the functions reach DynamoDB Local through (benches measure their bare calls on it). */
    public DynamoDbClient functionsDynamo() {
        return functionsDynamo;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public Provisioned provisioned() {
        return provisioned;
    }

    public TemplateModel model() {
        return model;
    }

    /** The platform a function was given (its resolved environment), for tools such as the demo loader. */
    public Platform platform(String functionLogicalId) {
        Platform p = platforms.get(functionLogicalId);
        if (p == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId);
        }
        return p;
    }


    @Override
    public void close() {
        ready = false;
        access.writeIfAsked();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
