package vn.movepass.local.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.PassTokenCodec;

/** The QR images decode back to the token, and the JWKS verifies it offline. */
@SharedRuntime
class QrImagesIT {
    static Api api;
    static Registry registry;
    static JsonNode pass;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        pass = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null)
                .json().get("pass");
    }

    @Test
    void thePngDecodesToTheToken() throws Exception {
        Api.Answer png = api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.png?size=400");
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("content-type"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertEquals(400, image.getWidth());
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true,
                com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
        assertEquals(pass.get("token").asText(), decoded);
        assertEquals(400, api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.png?size=64").status());
        assertEquals(404, api.get("/v1/passes/AAAAAAAAAAAAAAAAAAAAAA/qr.png").status());
    }

    @Test
    void anIndependentDecoderReadsItToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zbarimg")), "zbarimg (zbar-tools) not installed");
        Path file = Files.createTempFile("pass", ".png");
        Files.write(file, api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.png").bytes());
        Process p = new ProcessBuilder("/usr/bin/zbarimg", "--nodbus", "--raw", "-q", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        assertEquals(pass.get("token").asText(), out);
    }

    @Test
    void theSvgIsAnSvg() {
        Api.Answer svg = api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.svg");
        assertEquals(200, svg.status());
        assertTrue(svg.header("content-type").startsWith("image/svg+xml"));
        assertTrue(svg.text().contains("<svg") && svg.text().contains("<path"));
    }

    @Test
    void theJwksVerifiesTheTokenOffline() {
        Api.Answer jwks = api.get("/.well-known/jwks.json");
        assertEquals(200, jwks.status());
        PassTokenCodec verifier = new PassTokenCodec(PassKeys.verificationOnlyFromJwks(jwks.text()));
        var claims = verifier.verify(pass.get("token").asText());
        assertEquals(pass.get("passId").asText(), claims.passIdString());
        assertEquals("079******456", claims.citizenIdMasked());
    }
}
