package vn.movepass.shared.config;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.shared.ops.EmfTelemetry;
import vn.movepass.shared.ops.MemoryTelemetry;
import vn.movepass.shared.ops.Telemetry;

/**
 * Everything a function needs from the world it runs in: its environment, a clock, an id source
 * and the AWS clients, built once per container: every AWS client a function uses is built here. Lambda uses
 * {@link #fromSystem()}; the embedded runtime and tests build one with their own endpoints, clock and interceptors.
 *
 * <p>SQS and S3 are built on first use, through small factory classes: a function packaged without one of those
 * SDKs (the export has no SQS, only the export has S3) never loads its classes.
 */
public final class Platform {
    private final Environment environment;
    private final Clock clock;
    private final IdSource ids;
    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<SqsClient> sqsFactory;
    private volatile SqsClient sqs;
    private final Supplier<Object> s3Factory;
    private volatile Object s3;
    private final Supplier<Object> snsFactory;
    private volatile Object sns;
    private Priming priming;
    private volatile Telemetry telemetry;

    public Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo, SqsClient sqs) {
        this(environment, clock, ids, dynamo, () -> sqs);
    }

    /**
     * As {@link #Platform(Environment, Clock, IdSource, DynamoDbClient, SqsClient)}, the S3 client (built on first use)
     * with {@code s3Override}'s interceptors: the embedded runtime records which bucket operations a function makes,
     * and its capacity bench counts the S3 requests of each operation.
     */
    public Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo, SqsClient sqs,
                    ClientOverrideConfiguration s3Override) {
        this(environment, clock, ids, dynamo, () -> sqs, new S3Factory(environment, Objects.requireNonNull(s3Override)));
    }

    /**
     * SQS is built on first use: functions that never send pay nothing for it at init. S3 is built on first use
     * from the environment ({@code S3_ENDPOINT_URL}, else {@code AWS_ENDPOINT_URL}, else AWS).
     */
    public Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo,
                    Supplier<SqsClient> sqsFactory) {
        this(environment, clock, ids, dynamo, sqsFactory, new S3Factory(environment, null));
    }

    private Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo,
                     Supplier<SqsClient> sqsFactory, Supplier<Object> s3Factory) {
        this.environment = Objects.requireNonNull(environment);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.dynamo = Objects.requireNonNull(dynamo);
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.sqsFactory = Objects.requireNonNull(sqsFactory);
        this.s3Factory = Objects.requireNonNull(s3Factory);
        this.snsFactory = new SnsFactory(environment);
    }

    /**
     * The Lambda default: process environment, UTC system clock, URLConnection HTTP client, and the SnapStart
     * priming ({@link Priming}) registered.
     */
    public static Platform fromSystem() {
        return forLambda(Environment.system());
    }

    /** {@link #fromSystem()} over a given environment (its AWS_ENDPOINT_URL, if any, is every client's endpoint). */
    static Platform forLambda(Environment env) {
        URI endpoint = env.uri(EnvKey.AWS_ENDPOINT_URL).orElse(null);
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(Priming.STOP_BEFORE_SENDING)
                .build();
        var dynamoBuilder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override);
        if (endpoint != null) {
            dynamoBuilder.endpointOverride(endpoint);
        }
        Platform platform = new Platform(env, Clock.systemUTC(), IdSource.secure(), dynamoBuilder.build(),
                new LambdaSqs(env.uri(EnvKey.SQS_ENDPOINT_URL).orElse(endpoint), override), new S3Factory(env, override));
        platform.priming = Priming.register(platform.dynamo, platform::builtSqs);
        return platform;
    }

    /**
     * Builds the SQS client on first use. A class, not a lambda: linking a lambda whose method returns
     * {@code SqsClient} loads that class, and a function packaged without the SQS SDK (the export) must
     * never load it.
     */
    private static final class LambdaSqs implements Supplier<SqsClient> {
        private final URI endpoint;
        private final ClientOverrideConfiguration override;

        LambdaSqs(URI endpoint, ClientOverrideConfiguration override) {
            this.endpoint = endpoint;
            this.override = override;
        }

        @Override
        public SqsClient get() {
            var sqsBuilder = SqsClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(override);
            if (endpoint != null) {
                sqsBuilder.endpointOverride(endpoint);
            }
            return sqsBuilder.build();
        }
    }

    /**
     * Builds the S3 client on first use, typed Object for the same reason as {@link LambdaSqs} (only the export
     * is packaged with the S3 SDK). With {@code S3_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL}) set: that endpoint,
     * path-style addressing and placeholder credentials (an S3-compatible server on this machine); otherwise the
     * Lambda role's credentials.
     */
    private static final class S3Factory implements Supplier<Object> {
        private final Environment env;
        private final ClientOverrideConfiguration override;

        S3Factory(Environment env, ClientOverrideConfiguration override) {
            this.env = env;
            this.override = override;
        }

        @Override
        public Object get() {
            var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
            if (override != null) {
                builder.overrideConfiguration(override);
            }
            var endpoint = env.uri(EnvKey.S3_ENDPOINT_URL).or(() -> env.uri(EnvKey.AWS_ENDPOINT_URL));
            if (endpoint.isPresent()) {
                builder.endpointOverride(endpoint.get())
                        .forcePathStyle(true)
                        .region(Region.AP_SOUTHEAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            }
            return builder.build();
        }
    }

    /**
     * Builds the SNS client on first use, typed Object for the same reason as {@link S3Factory}: only the notify
     * function is packaged with the SNS SDK. With {@code AWS_ENDPOINT_URL} set: that endpoint (LocalStack, moto).
     */
    private static final class SnsFactory implements Supplier<Object> {
        private final Environment env;

        SnsFactory(Environment env) {
            this.env = env;
        }

        @Override
        public Object get() {
            var builder = software.amazon.awssdk.services.sns.SnsClient.builder().httpClient(UrlConnectionHttpClient.create());
            env.uri(EnvKey.AWS_ENDPOINT_URL).ifPresent(builder::endpointOverride);
            return builder.build();
        }
    }

    /** The SQS client if one was built, else null; typed Object so callers need not load the SQS SDK. */
    Object builtSqs() {
        return sqs;
    }

    /** The priming registered for this platform, or null when it was not built by {@link #fromSystem()}. */
    /** The SNS client (typed Object: callers cast it), built on first use; only the notify function has the SDK. */
    public Object sns() {
        Object client = sns;
        if (client == null) {
            synchronized (this) {
                if (sns == null) {
                    sns = Objects.requireNonNull(snsFactory.get(), "this platform has no SNS client");
                }
                client = sns;
            }
        }
        return client;
    }

    /** The metrics sink the environment names ({@link EnvKey#METRICS}), built once. */
    public Telemetry telemetry() {
        Telemetry t = telemetry;
        if (t == null) {
            synchronized (this) {
                if (telemetry == null) {
                    telemetry = switch (environment.require(EnvKey.METRICS)) {
                        case "memory" -> MemoryTelemetry.SHARED;
                        case "off" -> Telemetry.NONE;
                        default -> new EmfTelemetry(environment.require(EnvKey.POWERTOOLS_METRICS_NAMESPACE),
                                environment.require(EnvKey.POWERTOOLS_SERVICE_NAME));
                    };
                }
                t = telemetry;
            }
        }
        return t;
    }

    public Priming priming() {
        return priming;
    }

    public Environment environment() {
        return environment;
    }

    public Clock clock() {
        return clock;
    }

    public IdSource ids() {
        return ids;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoDbEnhancedClient enhanced() {
        return enhanced;
    }

    public SqsClient sqs() {
        SqsClient client = sqs;
        if (client == null) {
            synchronized (this) {
                if (sqs == null) {
                    sqs = Objects.requireNonNull(sqsFactory.get(), "this platform has no SQS client");
                }
                client = sqs;
            }
        }
        return client;
    }

    /** The S3 client, built on first use (only the export function has the S3 SDK on its classpath). */
    public S3Client s3() {
        Object client = s3;
        if (client == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = Objects.requireNonNull(s3Factory.get(), "this platform has no S3 client");
                }
                client = s3;
            }
        }
        return (S3Client) client;
    }
}
