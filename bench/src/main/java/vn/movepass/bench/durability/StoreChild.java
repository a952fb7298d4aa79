package vn.movepass.bench.durability;

import java.nio.file.Path;
import vn.movepass.local.embedded.EmbeddedDynamo;
import vn.movepass.local.embedded.EmbeddedS3;
import vn.movepass.local.embedded.EmbeddedSqs;

/**
 * A child JVM holding one embedded store on a data dir, for the store-kill bench: {@code StoreChild sqs|dynamo|s3 DIR}
 * prints {@code READY <endpoint>} once the store answers, then runs until it is killed.
 */
public final class StoreChild {
    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String endpoint = switch (args[0]) {
            case "sqs" -> EmbeddedSqs.start(dir).endpoint().toString();
            case "dynamo" -> EmbeddedDynamo.start(dir).endpoint().toString();
            case "s3" -> EmbeddedS3.start(dir).endpoint().toString();
            default -> throw new IllegalArgumentException("unknown store: " + args[0]);
        };
        System.out.println(ChildJvm.READY + endpoint);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
