package vn.movepass.shared.pass;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prints timings; asserts nothing. Opt-in so that shared CI machines stay light:
 * {@code mvn test -Dtest=PerformanceReportTest -Dmovepass.bench=true}.
 */
class PerformanceReportTest {

    private static final int CALLS = 2_000;
    private static final int RENDERS = 400;
    private static volatile Object sink;

    @Test
    void report() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("movepass.bench"), "set -Dmovepass.bench=true");
        PassTokenCodec codec = new PassTokenCodec(PassKeys.fromSeed(TestData.SEED_A));
        PassClaims claims = TestData.claims();
        String token = codec.sign(claims);
        String worst = codec.sign(TestData.claims(
                "Tôn Nữ Hoàng Thị Phượng Tuyết Xuân Hồng Nhung Thanh Trúc Ngọc Bích Diệp Ánh"));

        System.out.printf("sign   median %.1f µs over %d calls%n", medianMicros(CALLS, () -> codec.sign(claims)), CALLS);
        System.out.printf("verify median %.1f µs over %d calls%n", medianMicros(CALLS, () -> codec.verify(token)), CALLS);
        System.out.printf("decodeUnverified median %.1f µs%n", medianMicros(CALLS, () -> codec.decodeUnverified(token)));

        QrRenderer renderer = new QrRenderer();
        Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        for (String t : new String[] {token, worst}) {
            double encode = medianMicros(RENDERS, () -> {
                try {
                    return Encoder.encode(t, ErrorCorrectionLevel.M, hints);
                } catch (WriterException e) {
                    throw new IllegalStateException(e);
                }
            });
            double png = medianMicros(RENDERS, () -> renderer.png(t, 300));
            double svg = medianMicros(RENDERS, () -> renderer.svg(t));
            System.out.printf("QR v%d (%d chars): Encoder.encode %.0f µs, png(300) %.0f µs (x%.2f, %d bytes), "
                    + "svg %.0f µs (x%.2f, %d chars)%n", renderer.version(t), t.length(), encode, png, png / encode,
                    renderer.png(t, 300).length, svg, svg / encode, renderer.svg(t).length());
            double imageIo = medianMicros(RENDERS, () -> zxingImageIoPng(t));
            System.out.printf("  for comparison, QRCodeWriter + MatrixToImageWriter (ImageIO) png(300): %.0f µs (x%.2f, %d bytes)%n",
                    imageIo, imageIo / encode, zxingImageIoPng(t).length);
        }
    }

    private static byte[] zxingImageIoPng(String text) {
        try {
            var matrix = new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE,
                    300, 300, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            var out = new java.io.ByteArrayOutputStream();
            com.google.zxing.client.j2se.MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double medianMicros(int calls, java.util.function.Supplier<Object> call) {
        for (int i = 0; i < calls / 2; i++) {
            sink = call.get();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            sink = call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[calls / 2] / 1_000.0;
    }
}
