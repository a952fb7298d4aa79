package vn.movepass.local.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.AbstractLocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.dynamodb.services.local.shared.access.LocalDBClient;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess;
import software.amazon.dynamodb.services.local.shared.jobs.JobsRegister;

/**
 * DynamoDB Local served over HTTP on loopback, in this JVM. Always {@code -sharedDb} (one database whatever the
 * client's credentials and region) and {@code -disableTelemetry}; {@code -inMemory} without a data dir, else
 * {@code -dbPath dir} (the file is {@code dir/shared-local-instance.db}). Listens on 127.0.0.1 only (see
 * {@link #bindLoopbackOnly}). On a data dir, a TransactWriteItems is answered only once SQLite has committed it (see
 * {@link CommitBeforeAnswer}): an acknowledged write survives SIGKILL of the JVM.
 */
public final class EmbeddedDynamo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamo.class);
    /** The database's name under {@code -sharedDb}, as DynamoDB Local names it. */
    private static final String SHARED_DB = "shared-local-instance";

    private final DynamoDBProxyServer server;
    private final int port;
    private final Path dataDir;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedDynamo(DynamoDBProxyServer server, int port, Path dataDir, Duration startupTime) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.startupTime = startupTime;
    }

    public static EmbeddedDynamo startInMemory() {
        return start(null, 0);
    }

    /** Starts on a free port; {@code dataDir} null means in memory, else the directory is created if needed. */
    public static EmbeddedDynamo start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts on {@code port} (0 picks a free port); {@code dataDir} null means in memory. */
    public static EmbeddedDynamo start(Path dataDir, int port) {
        long t0 = System.nanoTime();
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create DynamoDB data dir " + dataDir, e);
            }
        }
        int attempts = port == 0 ? 5 : 1;
        Exception last = null;
        for (int i = 0; i < attempts; i++) {
            int p = port == 0 ? Ports.freeLoopbackPort() : port;
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(p), "-sharedDb", "-disableTelemetry"));
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                args.add("-dbPath");
                args.add(dataDir.toAbsolutePath().toString());
            }
            DynamoDBProxyServer server = null;
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                bindLoopbackOnly(server);
                if (dataDir != null) {
                    commitBeforeAnswering(server, dataDir);
                }
                server.start();
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                LOG.info("DynamoDB Local on port {} ({}) started in {} ms", p,
                        dataDir == null ? "in memory" : dataDir, took.toMillis());
                return new EmbeddedDynamo(server, p, dataDir, took);
            } catch (Exception e) {
                last = e;
                LOG.warn("DynamoDB Local could not start on port {}: {}", p, e.toString());
                if (server != null) {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    /**
     * DynamoDB Local has no bind-address option and its Jetty listens on every interface; set the connector's host
     * to 127.0.0.1 through its private {@code server} field. If that fails (a DynamoDB Local version that changed its
     * internals) it keeps listening on every interface, with a warning.
     */
    private static void bindLoopbackOnly(DynamoDBProxyServer proxy) {
        try {
            Field f = DynamoDBProxyServer.class.getDeclaredField("server");
            f.setAccessible(true);
            Server jetty = (Server) f.get(proxy);
            for (Connector c : jetty.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost("127.0.0.1");
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not restrict DynamoDB Local to loopback; it listens on every interface: {}", e.toString());
        }
    }

    /**
     * DynamoDB Local opens its database on the first request ({@code LocalDynamoDBRequestHandler.getHandler}); put in
     * its place, before the server starts, the same client on a {@link CommitBeforeAnswer} of the same file, through
     * the private fields {@code DynamoDBProxyServer.serverHandler} and {@code LocalDynamoDBRequestHandler
     * .dbRequestHandlers}. No fallback: a DynamoDB Local whose internals changed fails to start rather than answer
     * writes it may lose.
     */
    private static void commitBeforeAnswering(DynamoDBProxyServer proxy, Path dataDir) throws ReflectiveOperationException {
        LocalDynamoDBRequestHandler requests = requestHandler(proxy);
        Field clients = LocalDynamoDBRequestHandler.class.getDeclaredField("dbRequestHandlers");
        clients.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, AmazonDynamoDBLocal> byDatabase = (Map<String, AmazonDynamoDBLocal>) clients.get(requests);
        File file = dataDir.toAbsolutePath().resolve(SHARED_DB + LocalDynamoDBRequestHandler.DB_FILE_EXTENSION).toFile();
        // as getHandler builds it: 10 job threads, no -delayTransientStatuses
        JobsRegister jobs = new JobsRegister(Executors.newFixedThreadPool(10), false);
        byDatabase.put(SHARED_DB, new LocalDBClient(new CommitBeforeAnswer(file), jobs));
    }

    /**
     * What the server calls once it has parsed a request ({@code DynamoDBProxyServer.serverHandler.primaryHandler},
     * private fields): its public operations take the SDK's request objects, on the server's one database.
     */
    private static LocalDynamoDBRequestHandler requestHandler(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field handlerField = DynamoDBProxyServer.class.getDeclaredField("serverHandler");
        handlerField.setAccessible(true);
        AbstractLocalDynamoDBServerHandler handler = (AbstractLocalDynamoDBServerHandler) handlerField.get(proxy);
        Field primary = AbstractLocalDynamoDBServerHandler.class.getDeclaredField("primaryHandler");
        primary.setAccessible(true);
        return (LocalDynamoDBRequestHandler) primary.get(handler);
    }

    /** The request handler behind the HTTP endpoint, for {@link InProcessDynamo}. */
    LocalDynamoDBRequestHandler requestHandler() {
        try {
            return requestHandler(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DynamoDB Local's request handler is not where this version expects it", e);
        }
    }

    /**
     * DynamoDB Local's SQLite access, except that a transaction's commit waits for SQLite's COMMIT. DynamoDB Local
     * (3.1.0) runs every statement on one SQLite queue thread and waits for it, but {@code commitTransaction} (the end
     * of a TransactWriteItems or a PartiQL transaction) only enqueues the COMMIT and returns: the client gets its 200
     * while the COMMIT may still be pending, and a SIGKILL in that window loses the acknowledged transaction (the
     * rollback journal undoes it at the next start). A no-op job queued behind the COMMIT, waited for, closes the
     * window; the queue runs its jobs in order. SQLite's settings stay DynamoDB Local's (it sets no PRAGMA).
     */
    static final class CommitBeforeAnswer extends SQLiteDBAccess {
        CommitBeforeAnswer(File file) {
            super(file);
        }

        @Override
        public void commitTransaction(String transactionId, byte[] signature) {
            super.commitTransaction(transactionId, signature);
            queue.execute(new SQLiteJob<Void>() {
                @Override
                protected Void job(SQLiteConnection connection) {
                    return null;
                }
            }).complete();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
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
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly", e);
        }
    }
}
