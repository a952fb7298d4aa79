package vn.movepass.shared.config;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything a function needs from the world it runs in: its environment, a clock, an id source
 * and the AWS clients, built once per container. Lambda uses {@link #fromSystem()}; the embedded
 * runtime and tests build one with their own endpoints, clock and interceptors.
 */
public final class Platform {
    private final Environment environment;
    private final Clock clock;
    private final IdSource ids;
    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<SqsClient> sqsFactory;
    private volatile SqsClient sqs;
    private Priming priming;

    public Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo, SqsClient sqs) {
        this(environment, clock, ids, dynamo, () -> sqs);
    }

    /** SQS is built on first use: functions that never send pay nothing for it at init. */
    public Platform(Environment environment, Clock clock, IdSource ids, DynamoDbClient dynamo,
                    Supplier<SqsClient> sqsFactory) {
        this.environment = Objects.requireNonNull(environment);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.dynamo = Objects.requireNonNull(dynamo);
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.sqsFactory = Objects.requireNonNull(sqsFactory);
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
        URI endpoint = env.optional(EnvKey.AWS_ENDPOINT_URL).map(URI::create).orElse(null);
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
                new LambdaSqs(endpoint, override));
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

    /** The SQS client if one was built, else null; typed Object so callers need not load the SQS SDK. */
    Object builtSqs() {
        return sqs;
    }

    /** The priming registered for this platform, or null when it was not built by {@link #fromSystem()}. */
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
}
