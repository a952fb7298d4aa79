package vn.movepass.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.movepass.shared.declaration.DeclarationParser;
import vn.movepass.shared.declaration.DeclarationRequest;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.pass.ShortCode;

/**
 * The pure hot parts of a declaration, a scan and a QR image, one at a time: {@code java -jar
 * bench/micro/target/movepass-micro.jar} (any JMH option after it, e.g. {@code -f 1 -wi 3 -i 5 PassBenchmarks.qr}).
 * Average time per call, microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class PassBenchmarks {
    /** The declaration of API.md's example, departing on the day after {@link #NOW}. */
    static final String DECLARATION = """
            { "citizenId": "079090123456", "fullName": "Nguyễn Văn An", "dateOfBirth": "1990-05-17",
              "gender": "MALE", "phone": "0901234567", "email": null,
              "residence":   { "wardCode": "26734", "address": "12 Lê Lợi" },
              "origin":      { "wardCode": "26734", "address": "12 Lê Lợi" },
              "destination": { "wardCode": "00001", "address": "5 Phúc Xá" },
              "departureDate": "2021-08-20",
              "purpose": "WORK",
              "vehicle": { "type": "CAR", "plate": "51A-123.45" },
              "health": { "symptoms": ["FEVER"], "contactWithCase": false, "contactWithTraveller": false,
                          "contactWithSymptomatic": false, "visitedPlaces": "" },
              "test": { "method": "RT_PCR", "result": "NEGATIVE", "sampledAt": "2021-08-19T02:00:00Z" },
              "consent": true }
            """;
    static final Instant NOW = Instant.parse("2021-08-19T03:00:00Z");

    private PassTokenCodec codec;
    private PassClaims claims;
    private String token;
    private byte[] shortCodeBytes;
    private String typedShortCode;
    private QrRenderer renderer;
    private DeclarationParser parser;
    private byte[] declaration;

    @Setup
    public void setUp() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i * 7 + 1);
        }
        codec = new PassTokenCodec(PassKeys.fromSeed(seed));
        byte[] passId = new byte[PassClaims.PASS_ID_LENGTH];
        for (int i = 0; i < passId.length; i++) {
            passId[i] = (byte) (i * 13 + 5);
        }
        claims = new PassClaims(passId, NOW, NOW.plusSeconds(72 * 3600), "Nguyễn Văn An", LocalDate.of(1990, 5, 17),
                "079******456");
        token = codec.sign(claims);
        shortCodeBytes = new byte[4 * ShortCode.BYTES_PER_ATTEMPT];
        for (int i = 0; i < shortCodeBytes.length; i++) {
            shortCodeBytes[i] = (byte) (i * 31 + 3);
        }
        typedShortCode = ShortCode.display(ShortCode.generate(shortCodeBytes)).toLowerCase(java.util.Locale.ROOT);
        renderer = new QrRenderer();
        parser = new DeclarationParser(Clock.fixed(NOW, ZoneOffset.UTC), AdministrativeUnits.get());
        declaration = DECLARATION.getBytes(StandardCharsets.UTF_8);
        parseDeclaration(); // fails here, not in the measurement, if the example stops being valid
    }

    @Benchmark
    public String tokenEncode() {
        return codec.sign(claims);
    }

    @Benchmark
    public PassClaims tokenVerify() {
        return codec.verify(token);
    }

    /** What a scan does with the token: the stored pass is authoritative, so no signature check. */
    @Benchmark
    public PassClaims tokenDecodeUnverified() {
        return codec.decodeUnverified(token);
    }

    @Benchmark
    public String shortCodeGenerate() {
        return ShortCode.generate(shortCodeBytes);
    }

    @Benchmark
    public Optional<String> shortCodeNormalize() {
        return ShortCode.normalize(typedShortCode);
    }

    /** ZXing's matrix alone, as QrRenderer asks for it (error correction M, UTF-8). */
    @Benchmark
    public QRCode qrMatrix() throws WriterException {
        return Encoder.encode(token, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
    }

    @Benchmark
    public byte[] qrPng320() {
        return renderer.png(token, 320);
    }

    @Benchmark
    public String qrSvg() {
        return renderer.svg(token);
    }

    /** Body bytes to a validated request: Jackson's tree, then every field's rules. */
    @Benchmark
    public DeclarationRequest parseDeclaration() {
        JsonNode body = Json.readTree(new String(declaration, StandardCharsets.UTF_8));
        return parser.parse(body);
    }
}
