package vn.movepass.local.embedded;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (LocalS3, {@code io.github.robothy:local-s3-rest}, Netty-based, so it does not meet DynamoDB
 * Local's Jetty) on a free loopback port in this JVM: in memory, or persisted under a data dir. Path-style
 * addressing ({@code http://localhost:<port>/<bucket>/<key>}); it checks no signatures.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private final LocalS3 server;
    private final int port;

    private EmbeddedS3(LocalS3 server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedS3 startInMemory() {
        return start(null);
    }

    /** {@code dataDir} null means in memory. */
    public static EmbeddedS3 start(Path dataDir) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = Ports.freeLoopbackPort();
            LocalS3.Builder b = LocalS3.builder().port(port).s3ExecutorThreadNum(4)
                    .nettyParentEventGroupThreadNum(1).nettyChildEventGroupThreadNum(2);
            if (dataDir == null) {
                b.mode(LocalS3Mode.IN_MEMORY);
            } else {
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                b.mode(LocalS3Mode.PERSISTENCE).dataPath(dataDir.toAbsolutePath().toString());
            }
            LocalS3 server = b.build();
            try {
                server.start();
                LOG.info("S3 API (LocalS3) on http://localhost:{} ({})", port, dataDir == null ? "in memory" : dataDir);
                return new EmbeddedS3(server, port);
            } catch (RuntimeException e) {
                last = e;
                try {
                    server.shutdown();
                } catch (RuntimeException ignored) {
                    // never started
                }
            }
        }
        throw new IllegalStateException("LocalS3 did not start", last);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
