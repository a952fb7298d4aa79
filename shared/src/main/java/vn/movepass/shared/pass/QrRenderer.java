package vn.movepass.shared.pass;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Renders text (normally a pass token) as a QR code: error correction M, a 4-module quiet zone,
 * version at most {@link #MAX_VERSION}. ZXing picks the most compact mode, which for tokens (QR
 * alphanumeric characters only) is alphanumeric mode.
 *
 * <p>Output is black on white: a 1-bit greyscale PNG or a compact SVG. Stateless and thread-safe.
 */
public final class QrRenderer {

    /** Largest QR version this renderer produces (57×57 modules), so phones scan it reliably. */
    public static final int MAX_VERSION = 10;

    /** Quiet zone on each side, in modules. */
    public static final int QUIET_ZONE = 4;

    /** Smallest PNG size in pixels. */
    public static final int MIN_PNG_SIZE = 128;

    /** Largest PNG size in pixels. */
    public static final int MAX_PNG_SIZE = 1024;

    private static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    private static final Map<EncodeHintType, Object> HINTS =
            Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    /** Creates a renderer. */
    public QrRenderer() {
    }

    /**
     * The QR version (1..10) needed for the text at error correction M.
     *
     * @param text non-empty text
     * @return the version number
     * @throws IllegalArgumentException if the text is empty or needs a version above 10
     */
    public int version(String text) {
        return encode(text).getVersion().getVersionNumber();
    }

    /**
     * Renders a square PNG of exactly {@code sizePx} pixels. Modules are a whole number of pixels;
     * left-over pixels widen the quiet zone (which is therefore at least 4 modules).
     *
     * @param text non-empty text
     * @param sizePx width and height, 128..1024
     * @return the PNG file bytes (1-bit greyscale)
     * @throws IllegalArgumentException if the size is out of range or the text needs version &gt; 10
     */
    public byte[] png(String text, int sizePx) {
        if (sizePx < MIN_PNG_SIZE || sizePx > MAX_PNG_SIZE) {
            throw new IllegalArgumentException("PNG size must be 128..1024 px, got " + sizePx);
        }
        ByteMatrix matrix = encode(text).getMatrix();
        int modules = matrix.getWidth();
        int scale = sizePx / (modules + 2 * QUIET_ZONE);
        int offset = (sizePx - modules * scale) / 2;
        int rowBytes = 1 + (sizePx + 7) / 8;

        byte[] scanlines = new byte[rowBytes * sizePx];
        byte[] blank = new byte[rowBytes];
        Arrays.fill(blank, 1, rowBytes, (byte) 0xFF);
        for (int y = 0; y < sizePx; y++) {
            System.arraycopy(blank, 0, scanlines, y * rowBytes, rowBytes);
        }
        byte[] row = new byte[rowBytes];
        for (int my = 0; my < modules; my++) {
            System.arraycopy(blank, 0, row, 0, rowBytes);
            for (int mx = 0; mx < modules; mx++) {
                if (matrix.get(mx, my) == 1) {
                    int start = offset + mx * scale;
                    for (int px = start; px < start + scale; px++) {
                        row[1 + (px >> 3)] &= (byte) ~(0x80 >>> (px & 7));
                    }
                }
            }
            int top = offset + my * scale;
            for (int dy = 0; dy < scale; dy++) {
                System.arraycopy(row, 0, scanlines, (top + dy) * rowBytes, rowBytes);
            }
        }
        return MonochromePng.encode(sizePx, sizePx, scanlines);
    }

    /**
     * Renders a compact SVG: a {@code viewBox} in modules (quiet zone included), a white background
     * rectangle and a single black {@code <path>} made of one rectangle per horizontal run of dark
     * modules. No width/height attributes, no external references; scale it with CSS.
     *
     * @param text non-empty text
     * @return the SVG document
     * @throws IllegalArgumentException if the text is empty or needs version &gt; 10
     */
    public String svg(String text) {
        ByteMatrix matrix = encode(text).getMatrix();
        int modules = matrix.getWidth();
        int total = modules + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(total).append(' ').append(total)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(total)
                .append("\" height=\"").append(total).append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        // After "z" the current point returns to the run's start, so later runs use relative moves.
        int curX = 0;
        int curY = 0;
        boolean first = true;
        for (int y = 0; y < modules; y++) {
            int x = 0;
            while (x < modules) {
                if (matrix.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules && matrix.get(x, y) == 1) {
                    x++;
                }
                int runX = start + QUIET_ZONE;
                int runY = y + QUIET_ZONE;
                int length = x - start;
                if (first) {
                    svg.append('M').append(runX).append(' ').append(runY);
                    first = false;
                } else {
                    svg.append('m').append(runX - curX).append(' ').append(runY - curY);
                }
                svg.append('h').append(length).append("v1h-").append(length).append('z');
                curX = runX;
                curY = runY;
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    private static QRCode encode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text is empty");
        }
        QRCode code;
        try {
            code = Encoder.encode(text, LEVEL, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code", e);
        }
        if (code.getVersion().getVersionNumber() > MAX_VERSION) {
            throw new IllegalArgumentException("text needs QR version "
                    + code.getVersion().getVersionNumber() + " > " + MAX_VERSION);
        }
        return code;
    }
}
