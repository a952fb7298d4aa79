package vn.movepass.bench.durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.movepass.bench.Benches;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.embedded.EmbeddedSqs;

/**
 * Bare latency of acknowledged sends on the embedded SQS server in this JVM, persisted on a temp dir (and, for
 * reference, in memory): {@code bench sqs-send [--sends 3000]} prints median and p99 of SendMessage, of a
 * SendMessageBatch of 10, and of DeleteMessage.
 */
public final class SqsSendBench {
    private SqsSendBench() {
    }

    /** {@code bench sqs-send} with its options; returns the exit code. */
    public static int run(List<String> args) throws Exception {
        int sends = 3000;
        if (args.size() == 2 && args.get(0).equals("--sends")) {
            sends = Integer.parseInt(args.get(1));
        } else if (!args.isEmpty()) {
            System.err.println(Benches.usage("sqs-send"));
            return 2;
        }
        measure("in memory", null, sends);
        measure("on disk", Files.createTempDirectory("sqs-latency"), sends);
        return 0;
    }

    static void measure(String label, Path dir, int sends) {
        try (EmbeddedSqs server = EmbeddedSqs.start(dir); SqsClient sqs = AwsClients.sqs(server.endpoint(), List.of())) {
            String url = sqs.createQueue(b -> b.queueName("latency")).queueUrl();
            String body = "{\"traceUnit\":\"" + "x".repeat(180) + "\"}";
            for (int i = 0; i < 1000; i++) { // warm-up
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            long[] single = new long[sends];
            for (int i = 0; i < sends; i++) {
                long t0 = System.nanoTime();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                single[i] = System.nanoTime() - t0;
            }
            long[] batch = new long[sends / 10];
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(body).build());
            }
            for (int i = 0; i < batch.length; i++) {
                long t0 = System.nanoTime();
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                batch[i] = System.nanoTime() - t0;
            }
            long[] delete = new long[Math.min(sends, 2000)];
            int d = 0;
            while (d < delete.length) {
                var got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
                for (var m : got) {
                    if (d == delete.length) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                    delete[d++] = System.nanoTime() - t0;
                }
            }
            System.out.printf(Locale.ROOT, "%-9s SendMessage %s; SendMessageBatch(10) %s; DeleteMessage %s%n", label,
                    stats(single), stats(batch), stats(delete));
        }
    }

    static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms (n=%d)", s[s.length / 2] / 1e6,
                s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6, s.length);
    }
}
