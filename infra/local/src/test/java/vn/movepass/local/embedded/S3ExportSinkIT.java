package vn.movepass.local.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.shared.export.S3ExportSink;

/** The export's S3 writer against the embedded S3 server: one PutObject when small, multipart parts when large. */
@FreshRuntime("its own embedded servers, no runtime")
class S3ExportSinkIT {

    @Test
    void smallAndMultipartObjectsArriveWholeAndNothingBeforeClose() throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.startInMemory();
             SdkHttpClient http = AwsClients.httpClient();
             S3Client s3 = AwsClients.s3(server.endpoint(), http)) {
            s3.createBucket(b -> b.bucket("exports"));
            S3ExportSink sink = new S3ExportSink(s3, "exports");

            byte[] small = "a,b\r\n1,2\r\n".getBytes();
            try (OutputStream out = sink.create("x/small.csv", "text/csv")) {
                out.write(small);
            }
            assertArrayEquals(small, s3.getObjectAsBytes(b -> b.bucket("exports").key("x/small.csv")).asByteArray());

            // 20 MiB + a bit, written in odd-sized chunks: three 8 MiB parts
            byte[] large = new byte[20 * 1024 * 1024 + 12_345];
            new Random(42).nextBytes(large);
            OutputStream out = sink.create("x/large.bin", "application/octet-stream");
            for (int off = 0; off < large.length; off += 70_001) {
                out.write(large, off, Math.min(70_001, large.length - off));
            }
            assertTrue(sink.list("x/").equals(List.of("x/small.csv")), "no object before close: " + sink.list("x/"));
            out.close();
            byte[] back = s3.getObjectAsBytes(b -> b.bucket("exports").key("x/large.bin")).asByteArray();
            assertEquals(large.length, back.length);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertArrayEquals(sha.digest(large), MessageDigest.getInstance("SHA-256").digest(back));
            assertEquals(List.of("x/large.bin", "x/small.csv"), sink.list("x/"));
            sink.delete("x/large.bin");
            assertEquals(List.of("x/small.csv"), sink.list("x/"));
            assertEquals("s3://exports/x/small.csv", sink.uri("x/small.csv"));
        }
    }
}
