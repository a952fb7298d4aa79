package vn.movepass.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The SnapStart priming runs every kind of SDK call up to the wire, and sends nothing. */
class PrimingTest {
    private static ServerSocket server;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @BeforeAll
    static void listen() throws IOException {
        System.setProperty("aws.region", "ap-southeast-1");
        System.setProperty("aws.accessKeyId", "priming-test");
        System.setProperty("aws.secretAccessKey", "priming-test");
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "priming-test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void close() throws IOException {
        server.close();
    }

    private static Platform platform() {
        return Platform.forLambda(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getLocalPort())));
    }

    @Test
    void primesDynamoDbAndBuiltSqsClientsWithoutSendingAnything() {
        Platform platform = platform();
        assertEquals(6, platform.priming().prime(), "six DynamoDB calls marshalled and signed (no SQS client built yet)");
        platform.sqs();
        assertEquals(8, platform.priming().prime(), "and the two SQS sends once the function has built its client");
        assertEquals(0, CONNECTIONS.get(), "priming opened a connection");
    }

    @Test
    void warmUpsRunWithEveryPrimingOnceEachWhateverTimesTheyWereAdded() {
        AtomicInteger runs = new AtomicInteger();
        Priming.warmUp("PrimingTest", runs::incrementAndGet);
        Priming.warmUp("PrimingTest", () -> runs.addAndGet(100));
        platform().priming().prime();
        assertEquals(1, runs.get());
        platform().priming().prime();
        assertEquals(2, runs.get());
    }

    @Test
    void requestsOutsidePrimingStillGoOut() {
        Platform platform = platform();
        platform.priming().prime();
        int before = CONNECTIONS.get();
        assertThrows(SdkClientException.class, () -> platform.dynamo().getItem(b -> b.tableName("t")
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k")))));
        assertTrue(CONNECTIONS.get() > before, "a normal call after priming reached the endpoint");
    }
}
