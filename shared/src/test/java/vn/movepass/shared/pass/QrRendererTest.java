package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

class QrRendererTest {

    private static final QrRenderer RENDERER = new QrRenderer();
    private static final PassTokenCodec CODEC = new PassTokenCodec(PassKeys.fromSeed(TestData.SEED_A));
    private static final String TOKEN = CODEC.sign(TestData.claims());
    private static final String WORST_TOKEN =
            CODEC.sign(TestData.claims("Tôn Nữ Hoàng Thị Phượng Tuyết Xuân Hồng Nhung Thanh Trúc Ngọc Bích Diệp Ánh"));

    @Test
    void versions() {
        assertEquals(1, RENDERER.version("HELLO"));
        assertEquals(8, RENDERER.version(TOKEN));
        assertEquals(10, RENDERER.version(WORST_TOKEN));
        assertEquals(10, RENDERER.version("A".repeat(311)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.version("A".repeat(312)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.version(""));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.png("A".repeat(312), 300));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.svg("A".repeat(312)));
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 200, 300, 512, 1024})
    void pngDecodesBackWithZxing(int size) throws Exception {
        for (String token : List.of(TOKEN, WORST_TOKEN)) {
            byte[] png = RENDERER.png(token, size);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
            assertEquals(token, decode(upscaleIfTiny(image)));
        }
    }

    @Test
    void pngPixelsMatchTheQrMatrix() throws Exception {
        ByteMatrix matrix = Encoder.encode(WORST_TOKEN, ErrorCorrectionLevel.M).getMatrix();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(RENDERER.png(WORST_TOKEN, 300)));
        int modules = matrix.getWidth();
        int scale = 300 / (modules + 8);
        int offset = (300 - modules * scale) / 2;
        assertTrue(offset >= 4 * scale);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                int mx = Math.floorDiv(x - offset, scale);
                int my = Math.floorDiv(y - offset, scale);
                boolean dark = mx >= 0 && my >= 0 && mx < modules && my < modules && matrix.get(mx, my) == 1;
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                assertEquals(dark ? 0 : 0xFFFFFF, rgb, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void pngSizeIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> RENDERER.png(TOKEN, 127));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.png(TOKEN, 1025));
        assertThrows(NullPointerException.class, () -> RENDERER.png(null, 300));
    }

    @Test
    void svgIsCompactWellFormedAndMatchesTheMatrix() throws Exception {
        for (String token : List.of(TOKEN, WORST_TOKEN)) {
            String svg = RENDERER.svg(token);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals("crispEdges", doc.getDocumentElement().getAttribute("shape-rendering"));
            assertEquals(1, doc.getElementsByTagName("path").getLength());
            assertEquals(1, doc.getElementsByTagName("rect").getLength());
            assertTrue(!svg.contains("href") && !svg.contains("url("), "no external references");

            ByteMatrix matrix = Encoder.encode(token, ErrorCorrectionLevel.M).getMatrix();
            int total = matrix.getWidth() + 8;
            assertEquals("0 0 " + total + " " + total, doc.getDocumentElement().getAttribute("viewBox"));
            boolean[][] dark = rasterise(doc.getElementsByTagName("path").item(0).getAttributes()
                    .getNamedItem("d").getNodeValue(), total);
            for (int y = 0; y < total; y++) {
                for (int x = 0; x < total; x++) {
                    int mx = x - 4;
                    int my = y - 4;
                    boolean expected = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getWidth()
                            && matrix.get(mx, my) == 1;
                    assertEquals(expected, dark[y][x], "module " + x + "," + y);
                }
            }
            assertEquals(token, decode(toImage(dark, 6)));
            assertTrue(svg.length() < 16_000, "svg length " + svg.length());
        }
    }

    @Test
    void pngDecodesWithZbarimg(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(zbarimgAvailable(), "zbarimg (Debian zbar-tools) not installed");
        for (String token : List.of(TOKEN, WORST_TOKEN)) {
            for (int size : new int[] {128, 300}) {
                Path file = dir.resolve("pass-" + size + ".png");
                Files.write(file, RENDERER.png(token, size));
                assertEquals(token, zbarimg(file), "size " + size);
            }
        }
    }

    private static String zbarimg(Path file) throws Exception {
        Process process = new ProcessBuilder("zbarimg", "--nodbus", "--raw", "-q", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "zbarimg timed out");
        assertEquals(0, process.exitValue(), out);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    static boolean zbarimgAvailable() {
        try {
            Process process = new ProcessBuilder("zbarimg", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return result.getText();
    }

    /** Parses the renderer's path syntax (M/m moves, h/v/z) back into a module grid. */
    private static boolean[][] rasterise(String d, int total) {
        boolean[][] dark = new boolean[total][total];
        Matcher m = Pattern.compile("([Mm])(-?\\d+) (-?\\d+)h(\\d+)v1h-(\\d+)z").matcher(d);
        int x = 0;
        int y = 0;
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "unexpected path syntax at " + end);
            end = m.end();
            int dx = Integer.parseInt(m.group(2));
            int dy = Integer.parseInt(m.group(3));
            x = m.group(1).equals("M") ? dx : x + dx;
            y = m.group(1).equals("M") ? dy : y + dy;
            int length = Integer.parseInt(m.group(4));
            assertEquals(length, Integer.parseInt(m.group(5)));
            for (int i = 0; i < length; i++) {
                assertTrue(!dark[y][x + i], "overlapping runs");
                dark[y][x + i] = true;
            }
        }
        assertEquals(d.length(), end);
        return dark;
    }

    private static BufferedImage toImage(boolean[][] dark, int scale) {
        int size = dark.length * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, dark[y / scale][x / scale] ? 0 : 0xFFFFFF);
            }
        }
        return image;
    }

    /**
     * At 128 px a version-10 code has 1-pixel modules, which ZXing's binariser cannot read (zbarimg
     * can, see {@link #pngDecodesWithZbarimg}); a phone camera never sees the PNG at 1 px/module.
     */
    private static BufferedImage upscaleIfTiny(BufferedImage image) {
        if (image.getWidth() >= 256) {
            return image;
        }
        int factor = 3;
        BufferedImage big = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                big.setRGB(x, y, image.getRGB(x / factor, y / factor));
            }
        }
        return big;
    }
}
