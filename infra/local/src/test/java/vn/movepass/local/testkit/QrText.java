package vn.movepass.local.testkit;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

/** What a phone reads from a QR image the API serves. */
public final class QrText {
    private QrText() {
    }

    /** The text of a PNG QR image. */
    public static String of(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            // a clean rendered code: PURE_BARCODE reads it straight from its modules (HybridBinarizer alone missed one poster)
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                            com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (Exception e) {
            throw new AssertionError("the image did not decode as a QR code", e);
        }
    }

    /** A venue's poster token, read from its poster PNG. */
    public static String poster(Api api, String venueId) {
        return of(api.get("/v1/venues/" + venueId + "/poster.png").bytes());
    }
}
