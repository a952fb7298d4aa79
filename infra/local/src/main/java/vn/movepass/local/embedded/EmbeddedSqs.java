package vn.movepass.local.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.util.Either;

/**
 * ElasticMQ (SQS API) on a free loopback port, in this JVM. Queue URLs are
 * {@code http://localhost:<port>/<accountId>/<name>} and ARNs {@code arn:aws:sqs:<region>:<accountId>:<name>}.
 *
 * <p>With a data dir, queues (with their attributes and redrive policies) and messages (with receive counts and
 * visibility) are stored in an H2 database {@code dataDir/elasticmq.mv.db} by ElasticMQ's own
 * {@code SqlQueuePersistenceActor} (the "messages-storage" of the standalone server), and restored before the HTTP
 * port opens. This wires the same actors the standalone {@code ElasticMQServer} wires for
 * {@code messages-storage.enabled = true}, without its config file.
 *
 * <p>Durability: an acknowledged SendMessage, SendMessageBatch, DeleteMessage (and a receive's new visibility) is in
 * the file when the client gets its answer. ElasticMQ's queue actor answers only once the persistence actor has
 * answered the event (its {@code ResultWithEvents.send} asks the listener), and that actor runs the SQL in
 * auto-commit; H2 then writes the commit to the file at once ({@link #DURABLE_H2_SETTINGS}). "In the file" means
 * handed to the operating system without fsync: it survives the death of this JVM (SIGKILL, OOM kill), not a power
 * cut. Measured with SIGKILL 0–100 ms after the last answer, 20 kills of 200 writes each: before, 1,116 of 4,000
 * acknowledged sends lost (and 239 of 775 acknowledged deletes undone in 10 kills); after, 0 of 4,000 and 0 of 3,800.
 * Queue creation is told to the persistence actor without waiting; the runtime creates its queues at every start.
 */
public final class EmbeddedSqs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    public static final String DEFAULT_REGION = "ap-southeast-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    /**
     * H2's {@code WRITE_DELAY=0}: its MVStore writes each committed transaction to the file before the statement
     * returns, instead of in a background thread up to 500 ms later (H2's default, which lost acknowledged messages on
     * SIGKILL). {@code RETENTION_TIME=1000}: chunks no longer used may be overwritten after 1 s instead of 45 s; with a
     * write per message and no background thread the file otherwise grew by ~27 KB per message for 45 s (300 MB in a
     * 12,000-message loop). See the class comment.
     */
    static final String DURABLE_H2_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=1000";

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final int port;
    private final String region;
    private final String accountId;
    private final Path dataDir;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedSqs(ActorSystem actorSystem, SQSRestServer server, int port, String region, String accountId,
                        Path dataDir, Duration startupTime) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.port = port;
        this.region = region;
        this.accountId = accountId;
        this.dataDir = dataDir;
        this.startupTime = startupTime;
    }

    public static EmbeddedSqs startInMemory() {
        return start(null, 0, DEFAULT_REGION, DEFAULT_ACCOUNT_ID);
    }

    /** {@code dataDir} null: in memory; else queues and messages persist there (the dir is created). */
    public static EmbeddedSqs start(Path dataDir) {
        return start(dataDir, 0, DEFAULT_REGION, DEFAULT_ACCOUNT_ID);
    }

    /** {@code port} 0 picks a free one. */
    public static EmbeddedSqs start(Path dataDir, int port, String region, String accountId) {
        long t0 = System.nanoTime();
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create ElasticMQ data dir " + dataDir, e);
            }
        }
        Config config = ConfigFactory.parseMap(Map.of(
                        "pekko.loglevel", "INFO",
                        "pekko.stdout-loglevel", "WARNING",
                        "pekko.log-dead-letters", "off",
                        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off",
                        "pekko.coordinated-shutdown.exit-jvm", "off"))
                .withFallback(ConfigFactory.load(EmbeddedSqs.class.getClassLoader()));
        ActorSystem system = ActorSystem.create("elasticmq", config, EmbeddedSqs.class.getClassLoader());
        try {
            Option<ActorRef> listener = Option.empty();
            if (dataDir != null) {
                String uri = "jdbc:h2:" + dataDir.toAbsolutePath().resolve("elasticmq") + DURABLE_H2_SETTINGS;
                SqlQueuePersistenceConfig sql = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
                openJdbcPool(uri);
                ActorRef store = system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                        () -> new SqlQueuePersistenceActor(sql, scala.collection.immutable.List$.MODULE$.empty())),
                        "queue-persistence");
                listener = Option.apply(store);
            }
            Option<ActorRef> storeOpt = listener;
            ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, storeOpt)),
                    "queue-manager");
            if (listener.isDefined()) {
                Object result = Patterns.ask(listener.get(), new QueueEvent.Restore(queueManager), Duration.ofSeconds(60))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                if (result instanceof Either<?, ?> either && either.isLeft()) {
                    throw new IllegalStateException("ElasticMQ could not restore queues from " + dataDir + ": "
                            + either.left().get());
                }
            }
            int attempts = port == 0 ? 5 : 1;
            RuntimeException last = null;
            for (int i = 0; i < attempts; i++) {
                int p = port == 0 ? Ports.freeLoopbackPort() : port;
                TheSQSRestServerBuilder builder = SQSRestServerBuilder
                        .withActorSystem(system)
                        .withQueueManagerActor(queueManager)
                        .withInterface("127.0.0.1")
                        .withPort(p)
                        .withServerAddress(new NodeAddress("http", "localhost", p, ""))
                        .withAWSRegion(region)
                        .withAWSAccountId(accountId);
                if (storeOpt.isDefined()) {
                    builder = builder.withQueueEventListener(storeOpt.get());
                }
                SQSRestServer server = builder.start();
                try {
                    server.waitUntilStarted();
                } catch (Exception e) { // Scala rethrows the bind failure (a checked BindException) undeclared
                    last = new IllegalStateException("bind to port " + p + " failed", e);
                    LOG.warn("ElasticMQ could not bind port {}: {}", p, e.toString());
                    continue;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                LOG.info("ElasticMQ on port {} ({}) started in {} ms", p,
                        dataDir == null ? "in memory" : dataDir, took.toMillis());
                return new EmbeddedSqs(system, server, p, region, accountId, dataDir, took);
            }
            throw new IllegalStateException("ElasticMQ did not start", last);
        } catch (Exception e) {
            terminate(system);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("ElasticMQ did not start: " + e, e);
        }
    }

    /**
     * ElasticMQ's {@code DB} opens its JDBC pool (scalikejdbc's process-wide default pool) only once per JVM, with
     * the first data dir it is given, and never closes it. So each start points the pool at its own data dir, and
     * {@link #close} closes it again, releasing the H2 file for a later start or another process.
     */
    private static void openJdbcPool(String uri) {
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the H2 driver is missing", e);
        }
        var pools = scalikejdbc.ConnectionPool$.MODULE$;
        var settings = pools.singleton$default$4();
        pools.singleton(uri, "", "", settings, pools.singleton$default$5(uri, "", "", settings));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The queue URL ElasticMQ hands out for a name. */
    public String queueUrl(String queueName) {
        return "http://localhost:" + port + "/" + accountId + "/" + queueName;
    }

    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /** Null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("ElasticMQ HTTP server did not stop cleanly", e);
        }
        terminate(actorSystem);
        if (dataDir != null) {
            scalikejdbc.ConnectionPool.closeAll(); // see openJdbcPool
        }
    }

    private static void terminate(ActorSystem system) {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("ElasticMQ actor system did not terminate cleanly", e);
        }
    }
}
